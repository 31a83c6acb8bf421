using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Hardening;

/// <summary>One route of the app with one of its methods, read from the host's endpoint data source.</summary>
public sealed record Route(string Method, RoutePattern Pattern, EndpointMetadataCollection Metadata)
{
    public string Text => "/" + Pattern.RawText!.TrimStart('/');

    /// <summary>No method named: a Razor page, which takes GET and POST alike.</summary>
    public bool AcceptsAnyMethod => Metadata.GetMetadata<HttpMethodMetadata>() is null;

    public bool NeedsSignIn => Metadata.GetMetadata<IAuthorizeData>() is not null && Metadata.GetMetadata<IAllowAnonymous>() is null;

    /// <summary>The address with each parameter filled by <paramref name="escaped"/> (given the parameter, it answers URL-escaped text).</summary>
    public string Address(Func<RoutePatternParameterPart, string> escaped)
    {
        var segments = Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => escaped(parameter),
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    /// <summary>A well-formed value for a parameter (URL-safe as it is): a new id where an id is wanted, a FHIR type where a type is.</summary>
    public static string Plausible(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.NewGuid().ToString()
        : parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1"
        : parameter.Name == "type" ? "Patient"
        : "x";

    public override string ToString() => $"{Method} {Text}";
}

internal static class RouteTable
{
    public static IReadOnlyList<Route> Of(BackCareFactory factory) =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
                .Select(m => new Route(m, e.RoutePattern, e.Metadata)))
            .DistinctBy(r => r.ToString())
            .OrderBy(r => r.ToString(), StringComparer.Ordinal)];
}
