using System.Runtime.InteropServices;

namespace Federation.Grains;

/// <summary>
/// Work nobody waits for, on a thread of its own, at the lowest CPU priority the system has for it:
/// on Linux the thread's nice value is 19 (Thread.Priority does nothing there, and a nice value is
/// per thread), so the kernel runs it on CPU time the host's other threads leave idle and preempts it
/// the moment they want it back. Elsewhere the thread runs at its normal priority.
/// </summary>
internal static partial class BackgroundThread
{
    private const int PrioProcess = 0;
    private const int Lowest = 19;

    /// <summary>
    /// Runs <paramref name="work"/> on a new thread that ends with it; the thread is lowered first. Whatever
    /// awaits the returned task goes on elsewhere: never at the lowered thread's priority.
    /// </summary>
    public static Task Run(Action work) => Task.Factory.StartNew(
        () =>
        {
            Lower();
            work();
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning | TaskCreationOptions.RunContinuationsAsynchronously,
        TaskScheduler.Default);

    private static void Lower()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            // The thread is new and ends with the work: raising it back (which needs privileges) is never wanted.
            _ = SetPriority(PrioProcess, GetThreadId(), Lowest);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without gettid: the work runs at normal priority.
        }
    }

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
