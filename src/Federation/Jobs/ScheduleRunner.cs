using Federation.Grains;
using Quartz;

namespace Federation.Jobs;

/// <summary>
/// Keeps this silo's Quartz scheduler in step with the durable schedules: one job per schedule,
/// a simple trigger for "at a time" (a time missed while the host was down fires at start-up)
/// and a cron trigger in the schedule's own time zone for maintenance windows. Every silo runs
/// one; the schedule grain makes each firing act once.
/// </summary>
public sealed class ScheduleRunner(IGrainFactory grains, ISchedulerFactory schedulers, ILogger<ScheduleRunner> logger) : BackgroundService
{
    public const string Group = "federation-schedules";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = await schedulers.GetScheduler(stoppingToken);
        var seen = -1L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var list = await grains.GetGrain<IScheduleGrain>(ScheduleGrain.Key).ListAsync();
                if (list.Version != seen)
                {
                    await SyncAsync(scheduler, list.Schedules, stoppingToken);
                    seen = list.Version;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogInformation("syncing schedules failed: {Message}", e.Message);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task SyncAsync(IScheduler scheduler, IReadOnlyList<ScheduleRecord> schedules, CancellationToken ct)
    {
        var wanted = schedules.Where(s => !s.Done).ToDictionary(s => new JobKey(s.Id, Group));
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), ct))
        {
            if (!wanted.ContainsKey(key))
            {
                await scheduler.DeleteJob(key, ct);
            }
        }

        foreach (var (key, s) in wanted)
        {
            if (await scheduler.Exists(key, ct))
            {
                continue;
            }

            var job = JobBuilder.Create<FireScheduleJob>().WithIdentity(key).UsingJobData(FireScheduleJob.IdKey, s.Id).Build();
            var trigger = TriggerBuilder.Create().WithIdentity(s.Id, Group);
            trigger = s.Cron is null
                ? trigger.StartAt(s.At!.Value).WithSimpleSchedule(x => x.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                : trigger.WithCronSchedule(s.Cron, x => x.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone)).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing));
            await scheduler.ScheduleJob(job, trigger.Build(), new ScheduleJobOptions(), ct);
        }
    }
}
