using Microsoft.Net.Http.Headers;

namespace BackCare.Web.Content;

internal static class ContentSetup
{
    public const string DefaultRoot = "content/en";

    public static IServiceCollection AddContentLibrary(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton(provider =>
        {
            var configured = provider.GetRequiredService<IConfiguration>()["Content:Root"] ?? DefaultRoot;
            return new ContentLibrary(FindRoot(configured, environment.ContentRootPath, AppContext.BaseDirectory));
        });
        return services;
    }

    /// <summary>
    /// A relative root is looked for beside the app and then in each folder above it, so the app finds
    /// <c>content/en</c> at the repository root whether it runs from the source tree, from bin or as published.
    /// </summary>
    public static string FindRoot(string configured, params string[] startFolders)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }

        foreach (var start in startFolders)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, configured);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(Path.Combine(startFolders[0], configured));
    }

    public static IEndpointRouteBuilder MapContentAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exercises/{slug}/illustration.svg", Illustration).ExcludeFromDescription();
        return app;
    }

    private static IResult Illustration(string slug, ContentLibrary library, HttpContext context)
    {
        if (library.Exercise(slug) is not { } exercise || library.IllustrationPath(exercise) is not { } path)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
        return TypedResults.PhysicalFile(path, "image/svg+xml");
    }
}
