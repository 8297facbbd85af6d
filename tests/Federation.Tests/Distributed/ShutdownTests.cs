namespace Federation.Tests.Distributed;

/// <summary>A silo stops on SIGTERM within its shutdown timeout, even when what it would say goodbye to has gone.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task A_silo_whose_redis_has_gone_still_exits_within_its_shutdown_timeout_after_sigterm()
    {
        using var redis = await RedisServer.StartAsync();
        using var silo = SiloProcess.Start("a", redis.ConnectionString, new Dictionary<string, string> { ["ShutdownTimeout"] = "00:00:05" });
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

        await redis.KillAsync();
        var took = await silo.TerminateAsync(TimeSpan.FromSeconds(60));

        Assert.True(took is not null, $"the silo was still running 60 s after SIGTERM:\n{silo.Output}");
        Assert.False(silo.Alive);
    }
}
