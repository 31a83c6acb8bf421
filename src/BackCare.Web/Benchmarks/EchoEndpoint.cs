namespace BackCare.Web.Benchmarks;

/// <summary>
/// A minimal endpoint that only echoes a JSON body, so that load runs can state the API's cost as a ratio
/// of this baseline. Off unless <c>Benchmarks:EchoEndpoint</c> is true.
/// </summary>
internal static class EchoEndpoint
{
    public static IEndpointRouteBuilder MapEcho(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>("Benchmarks:EchoEndpoint"))
        {
            app.MapPost("/api/echo", Echo).ExcludeFromDescription().DisableAntiforgery();
        }

        return app;
    }

    private static async Task Echo(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
