package org.godshell.toaster.arc;

/**
 * Whether and how we seal (RFC 8617 §5.1), from the chain on the message and the verdict on it at arrival:
 * the instance and {@code cv=} of our set, or why we add none.
 */
sealed interface SealPlan {

    record Seal(int instance, Cv cv) implements SealPlan {
    }

    record Skip(String reason) implements SealPlan {
    }

    static SealPlan of(Chain chain, ChainVerdict incoming) {
        int highest = chain.highest();
        if (incoming.instances() != highest) {
            return new Skip("the verdict given saw " + incoming.instances() + " ARC sets where the message has "
                    + highest + ": it is another message's");
        }
        return switch (incoming.result()) {
            case TEMPERROR -> new Skip("the chain could not be verified for now (" + incoming.reason()
                    + "); seal after a verification that ends");
            case NONE -> chain instanceof Chain.Absent ? new Seal(1, Cv.NONE)
                    : new Skip("the verdict says there is no chain, but the message has ARC fields");
            case PASS -> chain instanceof Chain.Complete ? next(highest, Cv.PASS)
                    : new Skip("the verdict says pass, but the chain on the message is not well-formed");
            case FAIL -> switch (chain) {
                case Chain.Absent absent -> new Skip("the verdict says fail, but the message has no ARC field");
                case Chain.Broken broken when broken.failedBefore() -> new Skip("the ARC-Seal of instance "
                        + highest + " already says cv=fail, and nothing is added after that (RFC 8617 §5.1)");
                default -> next(highest, Cv.FAIL);
            };
        };
    }

    /** Instance N + 1, if that is still within the 50 of §4.2.1. */
    private static SealPlan next(int highest, Cv cv) {
        return highest >= Instance.MAX ? new Skip("the chain already holds " + highest + " sets, the most RFC 8617 "
                + "§4.2.1 allows") : new Seal(highest + 1, cv);
    }
}
