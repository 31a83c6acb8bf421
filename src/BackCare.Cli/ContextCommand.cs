using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Language;

namespace BackCare.Cli;

/// <summary>
/// <c>backcare context --jsonl FILE|-</c>: for each line <c>{"id", "text", "target"}</c> one line
/// <c>{"id", "negated", "temporality", "experiencer"}</c>, in order; a bad line gives an error line naming the field.
/// </summary>
internal static class ContextCommand
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string path, ContextEngine engine, TextReader standardInput, TextWriter output, TextWriter error)
    {
        using var input = JsonLines.Open(path, standardInput, error);
        if (input is null)
        {
            return 2;
        }

        return JsonLines.Process(input, output, line => JudgeLine(engine, line), message => ResultWriter.ErrorJson(null, message));
    }

    public static string JudgeLine(ContextEngine engine, string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            return ResultWriter.ErrorJson(null, $"$: not valid JSON ({exception.Message.Split(". ")[0]})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ResultWriter.ErrorJson(null, "$: a line must be a JSON object");
            }

            string? id = null;
            var errors = new List<string>();
            if (root.TryGetProperty("id", out var idValue))
            {
                if (idValue.ValueKind == JsonValueKind.String)
                {
                    id = idValue.GetString();
                }
                else
                {
                    errors.Add($"id: must be a string (got {idValue.ValueKind.ToString().ToLowerInvariant()})");
                }
            }

            var text = RequiredString(root, "text", errors);
            var target = RequiredString(root, "target", errors);
            if (errors.Count > 0)
            {
                return ResultWriter.ErrorJson(id, string.Join("; ", errors));
            }

            return ToJson(id, engine.Judge(text!, target!));
        }
    }

    private static string? RequiredString(JsonElement root, string field, List<string> errors)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            errors.Add($"{field}: is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{field}: must be a string (got {value.ValueKind.ToString().ToLowerInvariant()})");
            return null;
        }

        return value.GetString();
    }

    private static string ToJson(string? id, ContextJudgement judgement)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            if (id is null)
            {
                writer.WriteNull("id");
            }
            else
            {
                writer.WriteString("id", id);
            }

            writer.WriteBoolean("negated", judgement.Negated);
            writer.WriteString("temporality", judgement.Temporality switch
            {
                Temporality.Historical => "historical",
                Temporality.Hypothetical => "hypothetical",
                _ => "recent",
            });
            writer.WriteString("experiencer", judgement.Experiencer == Experiencer.Other ? "other" : "patient");
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
