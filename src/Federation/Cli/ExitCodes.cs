namespace Federation.Cli;

/// <summary>Process exit codes of the client verbs; runbooks branch on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused the request (4xx), or the input was rejected before it was sent.</summary>
    public const int Refused = 1;

    /// <summary>The server could not be reached or failed (5xx).</summary>
    public const int Unavailable = 2;

    /// <summary><c>--wait</c> ran out of time before the operation finished.</summary>
    public const int TimedOut = 3;

    /// <summary><c>--wait</c> saw the operation fail (migration stuck, member left the draining state).</summary>
    public const int Failed = 4;

    /// <summary>
    /// <c>--wait</c> stopped early: every replica still on the member has been blocked (no member has
    /// room for it, or none is eligible) for longer than <c>--blocked-timeout</c>. Add capacity and run it again.
    /// </summary>
    public const int Blocked = 5;
}
