using Federation.Grains;

namespace Federation.Tests.Hosting;

public sealed class BackgroundThreadTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void Work_runs_on_a_thread_of_its_own_at_the_lowest_priority_and_the_starting_thread_keeps_its_own()
    {
        var (caller, callerNice) = (Environment.CurrentManagedThreadId, NiceOfThisThread());
        var (nice, thread, pooled) = (0, 0, true);
        Exception? failed = null;

        var run = BackgroundThread.Start(
            "test",
            () => (nice, thread, pooled) = (NiceOfThisThread(), Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread),
            e => failed = e);

        Assert.True(SpinWait.SpinUntil(() => run.Ended, Deadline), "the work did not end");
        Assert.Null(failed);
        Assert.Equal(19, nice);
        Assert.NotEqual(caller, thread);
        Assert.False(pooled);
        Assert.Equal(callerNice, NiceOfThisThread());
    }

    [Fact]
    public void Work_that_throws_is_reported_and_ends()
    {
        Exception? reported = null;

        var run = BackgroundThread.Start("test", () => throw new InvalidOperationException("boom"), e => reported = e);

        Assert.True(SpinWait.SpinUntil(() => run.Ended, Deadline), "the work did not end");
        Assert.Equal("boom", Assert.IsType<InvalidOperationException>(reported).Message);
        Assert.True(BackgroundThread.None.Ended);
    }

    /// <summary>Field 19 of /proc/thread-self/stat (after the command name, which may hold spaces).</summary>
    private static int NiceOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
