using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackCare.Web.Diary;

/// <summary>JSON text written into an answer as it is: the stored re-assessment, without parsing it again.</summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(string Json);

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    // The text is BackCare's own result JSON (written by ResultWriter), so it is not checked again.
    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
