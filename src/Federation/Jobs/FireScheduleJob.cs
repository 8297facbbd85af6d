using Federation.Grains;
using Quartz;

namespace Federation.Jobs;

/// <summary>A schedule's trigger fired on this silo: hand the firing to the schedule grain, which acts once.</summary>
public sealed class FireScheduleJob(IGrainFactory grains, ILogger<FireScheduleJob> logger) : IJob
{
    public const string IdKey = "schedule";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = context.MergedJobDataMap.GetString(IdKey)!;
        var scheduledFor = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var acted = await Api.GrainCalls.RetryAsync(() => grains.GetGrain<IScheduleGrain>(ScheduleGrain.Key).FireAsync(id, scheduledFor));
        logger.LogInformation("schedule {Id} fired for {Time}: {Outcome}", id, scheduledFor, acted ? "acted" : "already acted on");
    }
}
