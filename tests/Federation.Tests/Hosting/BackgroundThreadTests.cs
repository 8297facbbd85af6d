using Federation.Grains;

namespace Federation.Tests.Hosting;

public sealed class BackgroundThreadTests
{
    [Fact]
    public async Task Work_runs_on_a_thread_of_its_own_at_the_lowest_priority_and_the_callers_thread_keeps_its_own()
    {
        var (callerBefore, callerThread) = (NiceOfThisThread(), Environment.CurrentManagedThreadId);
        var (nice, thread, pooled) = (0, 0, true);

        await BackgroundThread.Run(() => (nice, thread, pooled) = (NiceOfThisThread(), Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));

        Assert.Equal(19, nice);
        Assert.NotEqual(callerThread, thread);
        Assert.False(pooled);
        Assert.Equal(callerBefore, NiceOfThisThread());
    }

    /// <summary>Field 19 of /proc/thread-self/stat (after the command name, which may hold spaces).</summary>
    private static int NiceOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
