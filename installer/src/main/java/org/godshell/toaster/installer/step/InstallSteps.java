package org.godshell.toaster.installer.step;

import java.util.ArrayList;
import java.util.List;

/** The steps of an install (and of an upgrade, which is the same install over an older version), in order. */
public final class InstallSteps {

    private InstallSteps() {
    }

    /**
     * @param firstInstall false for {@code upgrade}, which leaves domains and users alone: the first domain and
     *                     mailbox are an install's, and an upgrade must not add a mailbox the admin removed
     */
    public static List<Step> of(StepContext context, PayloadSource payload, boolean firstInstall) {
        boolean system = !context.settings().unprivileged();
        List<Step> steps = new ArrayList<>();
        steps.add(new ProgramFilesStep(context, payload));
        if (system) {
            steps.add(new SystemUserStep(context));
        }
        steps.add(new ControlFilesStep(context));
        context.settings().users().ifPresent(users -> steps.add(new UsersDatabaseStep(context, users)));
        // Each of these starts bin/toaster, a JVM; they write different files (control/servercert.pem,
        // domains/DOMAIN/ and control/rcpthosts, wiki/), so they run at the same time, the mailbox after its domain;
        // one after the other when the admin is asked for a password, so that nothing is printed into the prompt.
        List<List<Step>> chains = new ArrayList<>();
        chains.add(List.of(new CertificateStep(context)));
        if (firstInstall) {
            chains.add(List.of(new DomainStep(context), new MailboxStep(context)));
        }
        chains.add(List.of(new WikiStep(context)));
        if (context.prompt().isPresent()) {
            chains.forEach(steps::addAll);
        } else {
            steps.add(new Concurrently(chains));
        }
        steps.add(new PermissionsStep(context));
        steps.add(new InstallRecordStep(context));
        if (context.services().isPresent()) {
            steps.add(new ServiceUnitsStep(context));
            if (system) {
                steps.add(TimerUnitsStep.backup(context));
                steps.add(TimerUnitsStep.stats(context));
            }
        }
        if (context.settings().start()) {
            steps.add(new StartStep(context));
        }
        // After the start, so that the toaster serves before the training run takes a CPU.
        steps.add(new JvmCacheStep(context));
        // Last: the toaster serves mail even when Dovecot cannot be set up, and a rerun resumes here.
        if (context.settings().dovecot()) {
            steps.add(new ImapPackageStep(context));
            steps.add(new ImapConfigStep(context));
            if (context.services().isPresent()) {
                steps.add(new ImapReloadStep(context));
            }
        }
        // After the start, since the wiki answers the CA on port 80; after Dovecot, whose path unit then reloads it.
        context.settings().acme().ifPresent(acme -> steps.add(new AcmeStep(context, acme)));
        return steps;
    }
}
