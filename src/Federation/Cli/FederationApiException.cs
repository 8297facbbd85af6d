using System.Net;

namespace Federation.Cli;

/// <summary>The server answered with an error status; <see cref="Problem"/> is what it said.</summary>
internal sealed class FederationApiException(HttpStatusCode status, ProblemReport problem)
    : Exception($"{(int)status} {problem.Title}")
{
    public HttpStatusCode Status { get; } = status;

    public ProblemReport Problem { get; } = problem;

    /// <summary>4xx: the request was refused (exit 1); anything else is the server failing (exit 2).</summary>
    public bool IsRefusal => (int)Status is >= 400 and < 500;
}
