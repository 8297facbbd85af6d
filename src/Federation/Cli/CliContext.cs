using Spectre.Console;

namespace Federation.Cli;

/// <summary>
/// Everything a client verb touches outside itself: the console, the environment,
/// the clock and the HTTP stack. Tests replace these to run verbs without a
/// terminal, a real clock or the real host.
/// </summary>
internal sealed record CliContext(
    IAnsiConsole Console,
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> Environment,
    TimeProvider Time,
    Func<TimeSpan, CancellationToken, Task> Delay,
    TimeSpan PollInterval,
    Func<HttpMessageHandler>? Handler = null)
{
    /// <summary>The real process: stdout/stderr, environment variables, the system clock.</summary>
    public static CliContext ForProcess() => new(
        AnsiConsole.Console,
        System.Console.Out,
        System.Console.Error,
        System.Environment.GetEnvironmentVariable,
        TimeProvider.System,
        (delay, ct) => Task.Delay(delay, TimeProvider.System, ct),
        TimeSpan.FromMilliseconds(500));

    /// <summary>
    /// Live displays only on a terminal: in CI logs and pipes a redrawn progress bar
    /// is noise, so plain lines are printed instead.
    /// </summary>
    public bool IsInteractive =>
        Console.Profile.Capabilities.Interactive
        && Console.Profile.Capabilities.Ansi
        && (!ReferenceEquals(Out, System.Console.Out) || !System.Console.IsOutputRedirected);
}
