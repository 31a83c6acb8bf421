using System.Diagnostics;
using System.Text.Json.Nodes;

namespace BackCare.Interop.Tests.Fhir;

/// <summary>What the validator said about one file: ok, or its error lines.</summary>
public sealed record FileResult(bool Ok, IReadOnlyList<string> Errors);

public sealed record ValidationRun(int ExitCode, string Output, IReadOnlyDictionary<string, FileResult> Results);

/// <summary>
/// Runs tools/fhir-validate/validate.mjs under Node on resources written to temporary files. BackCare.Web.Tests
/// compiles this same file in, to check what the running server answers.
/// </summary>
internal static class FhirValidator
{
    /// <summary>Writes each resource to <c>{name}.json</c> in a fresh folder and validates them all in one run.</summary>
    public static ValidationRun Validate(IReadOnlyDictionary<string, JsonObject> resources)
    {
        var tool = ToolFolder();
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "@medplum", "definitions"))
            || !Directory.Exists(Path.Combine(tool, "node_modules", "ajv")))
        {
            throw new InvalidOperationException(
                $"The FHIR schema validator's packages are not installed in {tool}. Run: npm ci --prefix tools/fhir-validate");
        }

        var folder = Directory.CreateTempSubdirectory("backcare-fhir-").FullName;
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(tool, "validate.mjs"));
            foreach (var (name, resource) in resources)
            {
                var file = Path.Combine(folder, name + ".json");
                File.WriteAllText(file, resource.ToJsonString());
                start.ArgumentList.Add(file);
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new InvalidOperationException("Node.js (the `node` command) is needed to run the FHIR schema validator; install it (apt-get install nodejs).", exception);
            }

            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                output += stderr.Result;
                return new ValidationRun(process.ExitCode, output, Parse(output, folder, resources.Keys));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The validator prints "ok   FILE (Type)" or "FAIL FILE (Type)" followed by indented error lines.
    private static Dictionary<string, FileResult> Parse(string output, string folder, IEnumerable<string> names)
    {
        var results = names.ToDictionary(n => n, _ => new FileResult(false, ["the validator said nothing about this file"]));
        string? current = null;
        var errors = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("ok   ", StringComparison.Ordinal) || line.StartsWith("FAIL ", StringComparison.Ordinal))
            {
                current = Path.GetFileNameWithoutExtension(line[5..].Split(' ')[0].Replace(folder, "", StringComparison.Ordinal).TrimEnd(':'));
                errors = [];
                results[current] = new FileResult(line.StartsWith("ok", StringComparison.Ordinal), errors);
            }
            else if (current is not null && line.StartsWith("     ", StringComparison.Ordinal))
            {
                errors.Add(line.Trim());
            }
        }

        return results;
    }

    public static string ToolFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "fhir-validate");
            if (File.Exists(Path.Combine(candidate, "validate.mjs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tools/fhir-validate was not found above the test's folder.");
    }
}
