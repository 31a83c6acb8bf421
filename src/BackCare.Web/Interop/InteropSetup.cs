using BackCare.Interop.CdsHooks;
using BackCare.Interop.Fhir;
using BackCare.Web.Accounts;
using BackCare.Web.CdsHooks;
using BackCare.Web.Fhir;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Interop;

/// <summary>Options of the FHIR API and the CDS Hooks service, from the configuration section <c>Interop</c>.</summary>
public sealed class InteropOptions
{
    public const string Section = "Interop";

    /// <summary>
    /// Where people and other systems reach this BackCare, for example <c>https://backcare.clinic.example</c>.
    /// FHIR full URLs are made under <c>{PublicBaseUrl}/fhir</c> and the cards' booking links under it too.
    /// </summary>
    public string PublicBaseUrl { get; set; } = Hosting.HostingDefaults.DefaultUrl;

    /// <summary>
    /// The cards' booking link; <c>{publicBaseUrl}</c>, <c>{disposition}</c> and <c>{patientId}</c> are filled in.
    /// </summary>
    public string BookingUrlTemplate { get; set; } = "{publicBaseUrl}/book?disposition={disposition}&patient={patientId}";

    /// <summary>
    /// The origins of browser-based CDS clients (an EHR's web front end, the CDS Hooks sandbox) allowed to call
    /// the CDS Hooks endpoints. Empty: none, and server-to-server calls work all the same.
    /// </summary>
    public string[] CdsAllowedOrigins { get; set; } = [];

    public Uri FhirBase => new(PublicBaseUrl.TrimEnd('/') + "/fhir");
}

internal static class InteropSetup
{
    public const string CdsCorsPolicy = "cds-hooks";

    public static IServiceCollection AddInterop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InteropOptions>()
            .Bind(configuration.GetSection(InteropOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "Interop:PublicBaseUrl must be an absolute http(s) URL, for example https://backcare.clinic.example.")
            .ValidateOnStart();
        services.AddSingleton(provider => new FhirMapper(provider.GetRequiredService<IOptions<InteropOptions>>().Value.FhirBase));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<InteropOptions>>().Value;
            var publicBase = options.PublicBaseUrl.TrimEnd('/');
            var booking = options.BookingUrlTemplate.Replace("{publicBaseUrl}", publicBase, StringComparison.Ordinal);
            return new CdsTriage(new CdsOptions(booking, new Uri(publicBase + "/")), provider.GetRequiredService<TimeProvider>());
        });
        services.AddScoped<PatientAccess>();
        services.AddScoped<FhirRecords>();
        services.AddCors(cors => cors.AddPolicy(CdsCorsPolicy, policy =>
        {
            var origins = configuration.GetSection(InteropOptions.Section).Get<InteropOptions>()?.CdsAllowedOrigins ?? [];
            policy.WithOrigins(origins).WithMethods("GET", "POST").WithHeaders("Authorization", "Content-Type");
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapInterop(this IEndpointRouteBuilder app)
    {
        app.MapFhir();
        app.MapCdsHooks();
        return app;
    }
}
