using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackCare.Web.Tests;

/// <summary>
/// The real BackCare host in memory. The API's rate limit is raised so that ordinary tests never meet
/// it; the flood test makes its own host with a small limit.
/// </summary>
public sealed class BackCareFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public BackCareFactory()
    {
        _settings = new Dictionary<string, string?>
        {
            ["RateLimiting:PermitLimit"] = "100000",
            ["RateLimiting:WindowSeconds"] = "60",
        };
    }

    /// <summary>A host with some settings changed (for example a small rate limit).</summary>
    public static BackCareFactory With(Dictionary<string, string?> settings)
    {
        var factory = new BackCareFactory();
        foreach (var (key, value) in settings)
        {
            factory._settings[key] = value;
        }

        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

internal static class SharedFiles
{
    /// <summary>The shared folder beside the worktree (../shared), found by walking up from the test binaries.</summary>
    public static string Shared(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Could not find shared/{relative} above {AppContext.BaseDirectory}.");
    }
}
