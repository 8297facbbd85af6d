using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Federation.Members.Client;

/// <summary>
/// The pipeline every member call runs through: an overall deadline, around bounded retries of
/// transient failures with exponential back-off and jitter, around a per-attempt timeout.
/// </summary>
internal static class MemberResilience
{
    public static ResiliencePipeline Create(MemberClientOptions options, string member, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.OperationTimeout });
        if (options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(MemberErrors.IsTransient),
                MaxRetryAttempts = options.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    MemberClientLog.Retrying(logger, member, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            });
        }

        return builder
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.RequestTimeout })
            .Build();
    }
}
