namespace BackCare.Web.Hosting;

internal static class HostingDefaults
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>No request to BackCare needs more than this; the API sets a smaller limit of its own.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>
    /// Serves on http://localhost:5080 unless --urls, ASPNETCORE_URLS, the port variables or Kestrel endpoints
    /// say otherwise. The default is set in code, not in appsettings.json, because appsettings.json is read
    /// after ASPNETCORE_URLS and would silently win over it.
    /// </summary>
    public static void ServeOnDefaultUrlUnlessTold(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var told = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!told)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }
}
