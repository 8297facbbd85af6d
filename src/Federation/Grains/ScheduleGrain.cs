using Federation.Scheduling;
using Quartz;
using Federation.Membership;

namespace Federation.Grains;

/// <summary>
/// Durable schedules. Every silo's Quartz scheduler fires them; this grain makes each firing act
/// once, by remembering the scheduled time it last acted on.
/// </summary>
public sealed class ScheduleGrain(
    [PersistentState("schedules", "state")] IPersistentState<ScheduleState> state,
    TimeProvider time) : Grain, IScheduleGrain
{
    public const string Key = "fleet";

    public async Task<ScheduleRecord> AddAsync(ScheduleRecord schedule)
    {
        state.State.Schedules[schedule.Id] = schedule;
        state.State.Version++;
        await state.WriteStateAsync();
        Record(schedule, "Scheduled", $"{schedule.Action} of {schedule.Cluster} {Describe(schedule)}");
        return schedule with { NextFireAt = Next(schedule) };
    }

    public async Task<bool> CancelAsync(string id)
    {
        if (!state.State.Schedules.Remove(id, out var schedule))
        {
            return false;
        }

        state.State.Version++;
        await state.WriteStateAsync();
        Record(schedule, "ScheduleCancelled", $"{schedule.Action} of {schedule.Cluster} {Describe(schedule)} cancelled");
        return true;
    }

    public Task<ScheduleList> ListAsync() => Task.FromResult(new ScheduleList(
        state.State.Version,
        [.. state.State.Schedules.Values.OrderBy(s => s.CreatedAt).Select(s => s with { NextFireAt = Next(s) })]));

    public async Task<bool> FireAsync(string id, DateTimeOffset scheduledFor)
    {
        if (!state.State.Schedules.TryGetValue(id, out var schedule) || schedule.Done || schedule.LastFiredFor >= scheduledFor)
        {
            return false;
        }

        // Act first, then remember: acting twice after a crash in between is harmless (the
        // member's state change is idempotent); remembering first could lose the action.
        var member = GrainFactory.GetGrain<IMemberClusterGrain>(schedule.Cluster);
        if (await member.GetAsync() is not null)
        {
            var action = MemberActions.Find(schedule.Action) ?? MemberActions.Maintain;
            DateTimeOffset? until = action == MemberActions.Maintain ? scheduledFor + (schedule.Duration ?? TimeSpan.FromHours(1)) : null;
            await member.SetStateAsync(action.Target, until, $"scheduled {schedule.Action} ({schedule.Id})");
        }

        state.State.Schedules[id] = schedule with { LastFiredFor = scheduledFor, Done = schedule.Cron is null };
        state.State.Version++;
        await state.WriteStateAsync();
        Record(schedule, "ScheduleFired", $"{schedule.Action} of {schedule.Cluster} for {scheduledFor:O}");
        return true;
    }

    /// <summary>The next time the schedule fires, in UTC; null when it will not fire again.</summary>
    public static DateTimeOffset? Next(ScheduleRecord s)
    {
        if (s.Done)
        {
            return null;
        }

        if (s.Cron is null)
        {
            return s.At;
        }

        var cron = new CronExpression(s.Cron, TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone));
        return cron.GetNextValidTimeAfter(s.LastFiredFor ?? DateTimeOffset.UtcNow);
    }

    private static string Describe(ScheduleRecord s) =>
        s.Cron is null ? $"at {s.At:O}" : $"on '{s.Cron}' ({s.TimeZone}) for {s.Duration}";

    private void Record(ScheduleRecord s, string kind, string message) =>
        EventRecorder.Record(GrainFactory, new EventView(time.GetUtcNow(), kind, null, s.Cluster, null, null, 0, s.Action, message));
}
