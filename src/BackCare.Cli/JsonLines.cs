namespace BackCare.Cli;

/// <summary>Reading JSON Lines from a file or standard input, as every batch command does.</summary>
internal static class JsonLines
{
    /// <summary>Opens FILE, or standard input for "-". Returns null and writes to <paramref name="error"/> when it cannot.</summary>
    public static TextReader? Open(string path, TextReader standardInput, TextWriter error)
    {
        if (path == "-")
        {
            return standardInput;
        }

        try
        {
            return new StreamReader(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"backcare: cannot read {path}: {exception.Message}");
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="handle"/> on every non-blank line and writes its one output line, in order.
    /// A line that throws gives an error line and the rest still run.
    /// </summary>
    public static int Process(TextReader input, TextWriter output, Func<string, string> handle, Func<string, string> onFailure)
    {
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string result;
            try
            {
                result = handle(line);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                result = onFailure(exception.Message);
            }

            output.WriteLine(result);
        }

        output.Flush();
        return 0;
    }
}
