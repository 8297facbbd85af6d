using Federation.Rollouts;
using Quartz;

namespace Federation.Grains;

/// <summary>
/// When a rollout may start members: not before its start time, and only while its window is open
/// (a Quartz cron expression opening it for a duration at each firing, as maintenance windows are).
/// </summary>
public static class RolloutGate
{
    /// <summary>Null while members may start; else when they may next.</summary>
    public static DateTimeOffset? ClosedUntil(RolloutPolicy policy, DateTimeOffset now)
    {
        if (policy.StartAt is { } start && start > now)
        {
            return start;
        }

        if (policy.Window is not { } window)
        {
            return null;
        }

        // The window is open now when a firing fell within the last For; else it opens at the next firing.
        var cron = new CronExpression(window.Cron, TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone));
        var firing = cron.GetNextValidTimeAfter(now - window.For);
        return firing is { } at && at <= now ? null : firing ?? DateTimeOffset.MaxValue;
    }
}
