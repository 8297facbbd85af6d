using Spectre.Console;

namespace Federation.Cli;

/// <summary>The terminal display: an overall bar and one bar per application on the member.</summary>
internal sealed class LiveDrainDisplay(ProgressContext progress)
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private ProgressTask? _overall;

    public void Show(DrainSnapshot snapshot)
    {
        _overall ??= progress.AddTask("overall", maxValue: 1);
        Update(_overall, $"[bold]{Markup.Escape(snapshot.Cluster)}[/] ({snapshot.State})", snapshot.Initial, snapshot.Moved, snapshot.Remaining, null, null);
        foreach (var app in snapshot.Applications)
        {
            if (!_tasks.TryGetValue(app.Application, out var task))
            {
                task = progress.AddTask(app.Application, maxValue: 1);
                _tasks.Add(app.Application, task);
            }

            Update(task, "  " + Markup.Escape(app.Application), app.Initial, app.Moved, app.Remaining, app.StuckReason, app.Blocked);
        }

        if (snapshot.Outcome != DrainOutcome.InProgress)
        {
            foreach (var task in _tasks.Values.Append(_overall))
            {
                task.StopTask();
            }
        }
    }

    private static void Update(ProgressTask task, string label, int initial, int moved, int remaining, string? stuck, string? blocked)
    {
        task.MaxValue = Math.Max(1, initial);
        task.Value = initial == 0 ? 1 : moved;
        task.Description = $"{label}: {moved} moved, {remaining} remaining"
            + (stuck is null ? "" : $" [red]stuck: {Markup.Escape(stuck)}[/]")
            + (blocked is null ? "" : $" [yellow]waiting: {Markup.Escape(blocked)}[/]");
    }
}
