using System.Threading.Channels;
using Federation.Dashboard;

namespace Federation.Tests.Dashboard;

/// <summary>The stream's loop, driven step by step: each read waits for the test to hand it a fleet.</summary>
public sealed class SnapshotPumpTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sends_a_snapshot_only_when_its_text_changes()
    {
        await using var pump = Harness.Start();
        Assert.Equal("retry: 2000\n\n", await pump.NextFrameAsync());

        await pump.ReadAsync("a");
        Assert.Equal("event: snapshot\ndata: a\n\n", await pump.NextFrameAsync());

        // The same fleet again sends nothing: the next frame is the change that follows.
        await pump.ReadAsync("a");
        await pump.ReadAsync("a");
        await pump.ReadAsync("b");
        Assert.Equal("event: snapshot\ndata: b\n\n", await pump.NextFrameAsync());
    }

    [Fact]
    public async Task Sends_a_heartbeat_comment_once_the_heartbeat_interval_has_passed()
    {
        await using var pump = Harness.Start();
        await pump.NextFrameAsync();
        await pump.ReadAsync("a");
        Assert.Equal("event: snapshot\ndata: a\n\n", await pump.NextFrameAsync());

        pump.Clock.Advance(SnapshotPump.DefaultHeartbeatInterval - TimeSpan.FromSeconds(1));
        await pump.ReadAsync("a");
        pump.Clock.Advance(TimeSpan.FromSeconds(1));
        await pump.ReadAsync("a");
        Assert.Equal(": heartbeat\n\n", await pump.NextFrameAsync());

        // The next heartbeat is a full interval later, not on every poll.
        await pump.ReadAsync("a");
        await pump.ReadAsync("b");
        Assert.Equal("event: snapshot\ndata: b\n\n", await pump.NextFrameAsync());
    }

    [Fact]
    public async Task A_failed_read_is_reported_once_and_the_next_good_read_is_sent_even_if_unchanged()
    {
        var failures = 0;
        await using var pump = Harness.Start(_ => failures++);
        await pump.NextFrameAsync();
        await pump.ReadAsync("a");
        await pump.NextFrameAsync();

        await pump.FailAsync("silo restarting");
        await pump.FailAsync("silo restarting");
        Assert.Equal("event: problem\ndata: {\"message\":\"silo restarting\"}\n\n", await pump.NextFrameAsync());

        await pump.ReadAsync("a");
        Assert.Equal("event: snapshot\ndata: a\n\n", await pump.NextFrameAsync());
        Assert.Equal(2, failures);
    }

    [Fact]
    public async Task Ends_when_the_client_leaves()
    {
        var pump = Harness.Start();
        await pump.NextFrameAsync();
        await pump.DisposeAsync();
        Assert.True(pump.Run.IsCompleted);
    }

    private sealed class Harness : IAsyncDisposable
    {
        private readonly Channel<Func<string>> _reads = Channel.CreateUnbounded<Func<string>>();
        private readonly Channel<string> _frames = Channel.CreateUnbounded<string>();
        private readonly Channel<bool> _processed = Channel.CreateUnbounded<bool>();
        private readonly CancellationTokenSource _leave = new();
        private bool _started;

        public ManualClock Clock { get; } = new();

        public Task Run { get; private set; } = Task.CompletedTask;

        public static Harness Start(Action<Exception>? failed = null)
        {
            var harness = new Harness();
            var pump = new SnapshotPump(harness.ReadNextAsync, harness.WriteAsync, harness.Clock, failed) { PollInterval = TimeSpan.Zero };
            harness.Run = Task.Run(() => pump.RunAsync(harness._leave.Token));
            return harness;
        }

        /// <summary>Hands the pump one read and waits until it has dealt with it and asks for the next.</summary>
        public async Task ReadAsync(string snapshot)
        {
            await _reads.Writer.WriteAsync(() => snapshot);
            await ProcessedAsync();
        }

        public async Task FailAsync(string message)
        {
            await _reads.Writer.WriteAsync(() => throw new TimeoutException(message));
            await ProcessedAsync();
        }

        public async Task<string> NextFrameAsync()
        {
            using var timeout = new CancellationTokenSource(Deadline);
            return await _frames.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _leave.CancelAsync();
            try
            {
                await Run.WaitAsync(Deadline);
            }
            catch (OperationCanceledException)
            {
                // Leaving mid-delay or mid-read ends the loop this way.
            }

            _leave.Dispose();
        }

        private async Task ProcessedAsync()
        {
            using var timeout = new CancellationTokenSource(Deadline);
            await _processed.Reader.ReadAsync(timeout.Token);
        }

        private async Task<string> ReadNextAsync(CancellationToken ct)
        {
            // Asking for the next read means the previous one has been dealt with entirely.
            if (_started)
            {
                await _processed.Writer.WriteAsync(true, ct);
            }

            _started = true;
            var next = await _reads.Reader.ReadAsync(ct);
            return next();
        }

        private Task WriteAsync(string frame, CancellationToken ct) => _frames.Writer.WriteAsync(frame, ct).AsTask();
    }

    /// <summary>A clock that moves only when told; the pump reads elapsed time from it.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
