package org.godshell.toaster.spp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every output command of qmail-spp.md §4, and lines that are not commands (which fail the plugin: 451). */
class CommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "A                          | Accept[]",
        "N                          | Next[]",
        "O                          | Ok[]",
        "D                          | Drop[]",
        "E550 5.7.1 no thanks       | Error[reply=ReplyLine[code=550, text=5.7.1 no thanks]]",
        "E451                       | Error[reply=ReplyLine[code=451, text=]]",
        "R554 go away               | Reject[reply=ReplyLine[code=554, text=go away]]",
        "P250-count=1               | Print[line=ReplyLine[code=250, text=count=1]]",
        "LM550 no mail              | Later[section=MAIL, reply=ReplyLine[code=550, text=no mail]]",
        "LR450 4.7.1 later          | Later[section=RCPT, reply=ReplyLine[code=450, text=4.7.1 later]]",
        "LD554 no data              | Later[section=DATA, reply=ReplyLine[code=554, text=no data]]",
        "Sspam=1                    | Set[name=spam, value=1]",
        "SRELAYCLIENT=              | Set[name=RELAYCLIENT, value=]",
        "Sx=a=b                     | Set[name=x, value=a=b]",
        "UTCPREMOTEHOST             | Unset[name=TCPREMOTEHOST]",
        "HX-Spam-Flag: YES          | Header[line=X-Spam-Flag: YES]",
        "HX-Empty:                  | Header[line=X-Empty:]",
        "Cspam@local.test           | Change[address=spam@local.test]",
        "Q                          | Quarantine[note=]",
        "Q spam score 12.5          | Quarantine[note=spam score 12.5]",
    })
    void parsesEveryCommand(String line, String expected) throws Command.Garbage {
        assertEquals(expected, Command.parse(line).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "x                          | unknown command",
        "hello world                | unknown command",
        "e550 lower case            | unknown command",
        "E250 ok                    | needs a 4xx or 5xx code",
        "E350 go on                 | needs a 4xx or 5xx code",
        "R220 welcome               | needs a 4xx or 5xx code",
        "LR250 fine                 | needs a 4xx or 5xx code",
        "E55 short                  | is not a reply line",
        "E550-continued             | is not a reply line",
        "Eno code                   | is not a reply line",
        "E650 out of range          | is not a reply line",
        "P250 final                 | is not a reply line",
        "P250                       | is not a reply line",
        "LX550 what                 | is not LM, LR or LD",
        "L                          | L without",
        "Snovalue                   | S without '='",
        "S1x=2                      | is not a variable name",
        "S=empty                    | is not a variable name",
        "Ubad-name                  | is not a variable name",
        "Hno colon                  | H needs",
        "H: no name                 | H needs",
    })
    void refusesWhatIsNotACommand(String line, String reason) {
        Command.Garbage e = assertThrows(Command.Garbage.class, () -> Command.parse(line));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void aWholeOutputIsReadUpToItsVerdictAndEmptyLinesAreSkipped() throws Command.Garbage {
        List<Command> commands = Command.parseAll(List.of("HX-A: 1", "", "Q", "N", "not read: garbage"),
                Section.BODY);
        assertEquals("[Header[line=X-A: 1], Quarantine[note=], Next[]]", commands.toString());
        assertEquals(List.of(), Command.parseAll(List.of(), Section.BODY));
    }

    @Test
    void aBadLineAnywhereBeforeTheVerdictFailsTheWholeOutput() {
        Command.Garbage e = assertThrows(Command.Garbage.class,
                () -> Command.parseAll(List.of("HX-A: 1", "Sx=1", "junk", "N"), Section.RCPT));
        assertTrue(e.getMessage().contains("unknown command"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Section.class, names = "BODY", mode = EnumSource.Mode.EXCLUDE)
    void quarantineOnlyInBodyWhereThereIsAWholeMessage(Section section) {
        Command.Garbage e = assertThrows(Command.Garbage.class, () -> Command.parseAll(List.of("Q"), section));
        assertTrue(e.getMessage().contains("only works in [body]"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"E550 be\u0007ll | control character", "HX-Bad: a\u0000b | H needs",
        "P250-esc\u001b[2J | control character"})
    void refusesControlCharactersThatWouldReachTheClient(String line, String reason) {
        Command.Garbage e = assertThrows(Command.Garbage.class, () -> Command.parse(line));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
