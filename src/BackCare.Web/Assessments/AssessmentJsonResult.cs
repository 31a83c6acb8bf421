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
internal sealed class AssessmentJsonResult(AssessmentResult result, string? location = null) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
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
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        using var buffer = new PooledBuffer(8192);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            ResultWriter.Write(writer, result);
        }

        // A known length lets the result go out in one write, without chunked framing.
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }

    /// <summary>The result as the contract's JSON text, as the response body would carry it.</summary>
    public static string ToJson(AssessmentResult result)
    {
        using var buffer = new PooledBuffer(8192);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            ResultWriter.Write(writer, result);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenMemory.Span);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(AssessmentResultDocument), ["application/json"]));
    }
}
