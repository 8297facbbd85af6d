using Federation.Api.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Tests.FrontDoor;

/// <summary>One method of one mapped route, read from the host's endpoint data source, with the role it declares.</summary>
public sealed record MappedEndpoint(string Method, RoutePattern Pattern, Role? Role, bool Public, bool AcceptsQueryToken)
{
    public string Route => Pattern.RawText ?? "";

    public static IReadOnlyList<MappedEndpoint> All(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().SelectMany(e =>
            (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new MappedEndpoint(
                m,
                e.RoutePattern,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) is { } policy
                    ? Enum.GetValues<Role>().Single(r => ApiAccess.Policy(r) == policy)
                    : null,
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetMetadata<AcceptsQueryToken>() is not null)))];

    /// <summary>The route with its parameters filled from <paramref name="values"/>.</summary>
    public string Path(IReadOnlyDictionary<string, string> values) => "/" + string.Join('/', Pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => values[parameter.Name],
        RoutePatternSeparatorPart separator => separator.Content,
        _ => throw new NotSupportedException(p.GetType().Name),
    }))));

    public override string ToString() => $"{Method} {Route}";
}
