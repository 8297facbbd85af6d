using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>Keeps the event ids the client logs, so a test can tell that a watch really re-connected.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
{
    private readonly ConcurrentQueue<(int Id, string Message)> _entries = new();

    public IReadOnlyList<(int Id, string Message)> Entries => [.. _entries];

    public int Count(int eventId) => _entries.Count(e => e.Id == eventId);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((eventId.Id, formatter(state, exception)));

    public void Dispose()
    {
    }
}
