using BackCare.Clinical.Language;
using BenchmarkDotNet.Attributes;

namespace BackCare.Benchmarks;

/// <summary>
/// The context engine over the 2,376 sentences of the NegEx test set, one op judging all of them; the mean
/// per sentence is the op's mean divided by the number of sentences.
/// </summary>
[MemoryDiagnoser]
public class ContextBenchmarks
{
    private readonly ContextEngine _engine = ContextEngine.Default;
    private (string Sentence, string Target)[] _cases = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = FindFromRepositoryRoot(Path.Combine("..", "shared", "external", "negex", "rsAnnotations-1-120-random.txt"));
        _cases = File.ReadLines(path)
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length >= 3)
            .Select(columns => (columns[2], columns[1].Trim()))
            .ToArray();
        if (_cases.Length != 2376)
        {
            throw new InvalidOperationException($"Expected 2376 sentences in {path}, read {_cases.Length}.");
        }
    }

    [Benchmark(OperationsPerInvoke = 1)]
    public int JudgeAllNegExSentences()
    {
        var negated = 0;
        foreach (var (sentence, target) in _cases)
        {
            if (_engine.Judge(sentence, target).Negated)
            {
                negated++;
            }
        }

        return negated;
    }

    /// <summary>The file at <paramref name="relative"/> from the repository root, found by walking up from the binaries.</summary>
    private static string FindFromRepositoryRoot(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BackCare.slnx")))
            {
                var path = Path.GetFullPath(Path.Combine(directory.FullName, relative));
                return File.Exists(path) ? path : throw new FileNotFoundException("The NegEx test set is not there.", path);
            }
        }

        throw new DirectoryNotFoundException($"No BackCare.slnx above {AppContext.BaseDirectory}.");
    }
}
