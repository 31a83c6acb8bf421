using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;
using BenchmarkDotNet.Attributes;

namespace BackCare.Benchmarks;

/// <summary>
/// The narrative reader on one account of about 60 words, with a denial list, another person's cancer, a
/// pain score, a time and a painkiller that did not help (issue 3's goal: 50 µs or less); and the same
/// narrative through the whole assessment.
/// </summary>
[MemoryDiagnoser]
public class NarrativeBenchmarks
{
    /// <summary>60 words.</summary>
    public const string Narrative =
        "I lifted a heavy box at work three days ago and my lower back went into spasm. It's about a 7 out of 10 " +
        "and not getting better. No numbness or weakness in my legs, no problems peeing, no fever. My mother had " +
        "breast cancer but I've never had it. Ibuprofen hasn't helped much. I can still walk but slowly.";

    private readonly NarrativeReader _reader = NarrativeReader.Default;
    private readonly Assessor _assessor = new(NarrativeReader.Default);
    private AssessmentCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        _case = new AssessmentCase("bench", 34, Sex.Male, Narrative, findings: null);
        var reading = _reader.Read(Narrative);
        if (reading.Findings.PainScore != 7 || reading.Findings.OnsetDays != 3 || reading.Findings[FindingCode.CancerHistory])
        {
            throw new InvalidOperationException("The benchmark narrative is not read as expected.");
        }

        // A server reads narratives all day: measure the steady state, after the JIT has optimised the
        // reader, not the first few thousand calls that a short job would otherwise catch in tier-0 code.
        for (var i = 0; i < 20_000; i++)
        {
            _reader.Read(Narrative);
            _assessor.Assess(_case);
        }

        Thread.Sleep(500);
    }

    [Benchmark(Baseline = true)]
    public NarrativeReading ReadSixtyWords() => _reader.Read(Narrative);

    [Benchmark]
    public AssessmentResult AssessSixtyWords() => _assessor.Assess(_case);
}
