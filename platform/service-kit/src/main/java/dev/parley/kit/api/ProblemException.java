package dev.parley.kit.api;

/** A refusal the client can act on; rendered as problem+json by {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Problem.of(400, "invalid", "Invalid input", detail, field));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not_found", "Not found", what + " does not exist", null));
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(Problem.of(409, code, "Conflict", detail, null));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail, null));
    }
}
