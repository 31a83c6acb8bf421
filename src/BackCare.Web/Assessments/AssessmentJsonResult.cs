using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using BackCare.Clinical.Contract;
using Microsoft.AspNetCore.Http.Metadata;

namespace BackCare.Web.Assessments;

/// <summary>
/// Writes a result with the engine's own <see cref="ResultWriter"/>, so the API answers byte for byte
/// what the command line writes for the same case.
/// </summary>
internal sealed class AssessmentJsonResult(AssessmentResult result) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public AssessmentResult Result => result;

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var body = httpContext.Response.BodyWriter;
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            ResultWriter.Write(writer, result);
        }

        await body.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(AssessmentResultDocument), ["application/json"]));
    }
}
