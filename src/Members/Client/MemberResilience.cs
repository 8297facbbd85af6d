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
    public static ResiliencePipeline Create(MemberClientOptions options)
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
            });
        }

        return builder
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.RequestTimeout })
            .Build();
    }
}
