#!/usr/bin/perl
# A prototype of "a small long-lived spawner": started once, it forks and execs one program per request and
# answers with its exit status, stdout and stderr. Only bench/SpawnCost.java (-Dspawner=this file) uses it, to
# measure whether starting plugins through it beats the JDK's ProcessBuilder; the toaster does not ship it.
# Frames both ways: a 4-byte big-endian length, then the payload.
#   request:  fields separated by NUL: the argv count, the argv, then NAME=value for the whole environment
#   answer:   the wait status, stdout, stderr, separated by NUL (a prototype: outputs must hold no NUL)
# One request at a time; stdin /dev/null; the child's stdout and stderr are pipes read to their end.
use strict;
use warnings;
use POSIX ();

binmode STDIN;
binmode STDOUT;

sub read_exactly {
    my ($want) = @_;
    my $buffer = '';
    while (length $buffer < $want) {
        my $got = sysread STDIN, $buffer, $want - length $buffer, length $buffer;
        return undef unless $got;
    }
    return $buffer;
}

sub drain {
    my ($fh) = @_;
    my $text = '';
    1 while sysread $fh, $text, 65536, length $text;
    return $text;
}

while (defined(my $header = read_exactly(4))) {
    my $payload = read_exactly(unpack 'N', $header) // last;
    my @fields = split /\0/, $payload, -1;
    my $argc = shift @fields;
    my @argv = splice @fields, 0, $argc;
    pipe my $out_r, my $out_w or die "pipe: $!";
    pipe my $err_r, my $err_w or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        open STDIN, '<', '/dev/null';
        POSIX::dup2(fileno $out_w, 1);
        POSIX::dup2(fileno $err_w, 2);
        %ENV = map { split /=/, $_, 2 } @fields;
        exec { $argv[0] } @argv;
        POSIX::_exit(127);
    }
    close $out_w;
    close $err_w;
    my $out = drain($out_r);
    my $err = drain($err_r);
    waitpid $pid, 0;
    my $answer = join "\0", $?, $out, $err;
    syswrite STDOUT, pack('N', length $answer) . $answer;
}
