using BackCare.Clinical;
using BackCare.Clinical.Contract;

namespace BackCare.Cli;

/// <summary><c>backcare assess --jsonl FILE|-</c>: one result line per case, in order; nothing else on standard output.</summary>
internal static class AssessCommand
{
    public static int Run(string path, Assessor assessor, TextReader standardInput, TextWriter output, TextWriter error)
    {
        using var input = JsonLines.Open(path, standardInput, error);
        if (input is null)
        {
            return 2;
        }

        return JsonLines.Process(input, output, line => AssessLine(assessor, line), message => ResultWriter.ErrorJson(null, message));
    }

    public static string AssessLine(Assessor assessor, string line)
    {
        var read = CaseReader.Read(line);
        if (!read.IsValid)
        {
            return ResultWriter.ErrorJson(read.Id, read.ErrorText);
        }

        try
        {
            return ResultWriter.ToJson(assessor.Evaluate(read.Case!));
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            return ResultWriter.ErrorJson(read.Id, exception.Message);
        }
    }
}
