namespace Federation.Api.Access;

/// <summary>
/// Endpoint metadata: this endpoint also takes its token as <c>?access_token=</c>. Only the
/// dashboard's event stream carries it (EventSource cannot send an Authorization header).
/// </summary>
public sealed class AcceptsQueryToken
{
    public static AcceptsQueryToken Instance { get; } = new();
}
