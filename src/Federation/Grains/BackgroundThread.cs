using System.Runtime.InteropServices;

namespace Federation.Grains;

/// <summary>
/// Work nobody waits for, on a thread of its own at the lowest CPU priority the system has for it:
/// on Linux the thread's nice value is 19 (Thread.Priority does nothing there, and a nice value is
/// per thread), so the kernel runs it on CPU time the host's other threads leave idle and preempts it
/// the moment they want it back. Elsewhere the thread runs at its normal priority.
/// </summary>
/// <remarks>
/// A thread started by a lowered thread inherits its nice value, and lowering cannot be undone without
/// privileges. So the work hands nothing to other threads when it ends: no task whose continuations
/// would be queued from it (the thread pool may start a worker on the queueing thread, and that worker
/// would run everything after it at nice 19). Its end is a flag the caller reads.
/// </remarks>
internal sealed class BackgroundThread
{
    private const int PrioProcess = 0;
    private const int Lowest = 19;

    private volatile bool _ended;

    private BackgroundThread()
    {
    }

    /// <summary>An instance that has ended: nothing runs yet.</summary>
    public static BackgroundThread None { get; } = new() { _ended = true };

    /// <summary>Whether the work has ended, returned or thrown.</summary>
    public bool Ended => _ended;

    /// <summary>Runs <paramref name="work"/> on a new, lowered thread that ends with it; an exception goes to <paramref name="failed"/>.</summary>
    public static BackgroundThread Start(string name, Action work, Action<Exception> failed)
    {
        var run = new BackgroundThread();
        var thread = new Thread(() =>
        {
            try
            {
                Lower();
                work();
            }
            catch (Exception e)
            {
                failed(e);
            }
            finally
            {
                run._ended = true;
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return run;
    }

    private static void Lower()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = SetPriority(PrioProcess, GetThreadId(), Lowest);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without gettid: the work runs at normal priority.
        }
    }

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
