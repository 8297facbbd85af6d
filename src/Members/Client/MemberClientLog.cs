using Microsoft.Extensions.Logging;

namespace Federation.Members.Client;

internal static partial class MemberClientLog
{
    public const int WatchExpiredId = 3;

    public const int WatchDroppedId = 4;

    public const int RetryingId = 6;

    [LoggerMessage(1, LogLevel.Debug, "Member {Member}: {Operation} failed as {Kind}")]
    public static partial void CallFailed(ILogger logger, string member, string operation, MemberErrorKind kind, Exception error);

    [LoggerMessage(2, LogLevel.Debug, "Member {Member}: watch re-listed {Count} managed deployments at resourceVersion {ResourceVersion}")]
    public static partial void Resynced(ILogger logger, string member, int count, string resourceVersion);

    [LoggerMessage(WatchExpiredId, LogLevel.Information, "Member {Member}: watch resourceVersion {ResourceVersion} expired (410 Gone); re-listing")]
    public static partial void WatchExpired(ILogger logger, string member, string resourceVersion);

    [LoggerMessage(WatchDroppedId, LogLevel.Debug, "Member {Member}: watch dropped at resourceVersion {ResourceVersion}; re-connecting in {Delay}")]
    public static partial void WatchDropped(ILogger logger, string member, string resourceVersion, TimeSpan delay, Exception? error);

    [LoggerMessage(5, LogLevel.Warning, "Member {Member}: watch could not re-list; retrying in {Delay}")]
    public static partial void RelistFailed(ILogger logger, string member, TimeSpan delay, Exception error);

    [LoggerMessage(RetryingId, LogLevel.Debug, "Member {Member}: attempt {Attempt} failed transiently; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string member, int attempt, TimeSpan delay, Exception? error);
}
