using Federation.Grains;
using Federation.Hooks;

namespace Federation.Api;

/// <summary>An application's <c>hooks</c>: each names when (<c>on</c>), where, and how failures count; every wrong field is named.</summary>
public static class HookSpecBuilder
{
    public const int MostRetries = 5;

    /// <summary>The hooks an application may have; the member hooks belong to the fleet's settings.</summary>
    public static readonly HookKind[] ApplicationKinds = [HookKind.BeforeScaleDown, HookKind.AfterReady];

    public static IReadOnlyList<HookSpec>? Build(List<HookRequest?>? hooks, Validation v)
    {
        if (hooks is null || hooks.Count == 0)
        {
            return null;
        }

        var built = new List<HookSpec>();
        for (var i = 0; i < hooks.Count; i++)
        {
            var field = $"hooks[{i}]";
            if (hooks[i] is not { } h)
            {
                v.Add(field, "must be an object with on and url");
                continue;
            }

            if (!Enum.TryParse<HookKind>(h.On, ignoreCase: false, out var on) || !ApplicationKinds.Contains(on))
            {
                v.Add($"{field}.on", $"{Validation.Quote(h.On ?? "")} is not one of {string.Join(", ", ApplicationKinds)}");
            }
            else if (built.Any(b => b.On == on))
            {
                v.Add($"{field}.on", $"{on} is given twice");
            }

            if (!Uri.TryCreate(h.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                v.Add($"{field}.url", $"{Validation.Quote(Validation.Truncate(h.Url ?? "", Validation.EchoLength))} is not an http(s) URL");
            }

            if (h.Secret is { Length: > 256 })
            {
                v.Add($"{field}.secret", "is longer than 256 characters");
            }

            var timeout = v.Duration($"{field}.timeout", h.Timeout, TimeSpan.FromSeconds(5));
            var retries = h.Retries ?? 2;
            if (retries is < 0 or > MostRetries)
            {
                v.Add($"{field}.retries", $"{retries} is out of range 0..{MostRetries}");
            }

            var policy = HookFailurePolicy.Fail;
            if (h.FailurePolicy is not null && !Enum.TryParse(h.FailurePolicy, ignoreCase: false, out policy))
            {
                v.Add($"{field}.failurePolicy", $"{Validation.Quote(h.FailurePolicy)} is not Fail or Ignore");
            }

            if (v.Ok)
            {
                built.Add(new HookSpec(on, url!.ToString(), h.Secret, timeout!.Value, retries, policy));
            }
        }

        return v.Ok ? built : null;
    }
}
