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

    /// <summary>
    /// Paragraphs of a long account as people write one (a carer, history, times, denials, a symptom at the end);
    /// repeated and cut to 1,000 and 10,000 characters, the contract's limit.
    /// </summary>
    private static readonly string[] Paragraphs =
    [
        "Writing for my dad, he's 78 and lives with us since mum passed. He bent down to pick up the paper on Tuesday and his back went, he's been on the sofa since. ",
        "He had a bad back once before, years ago, when he was working on the railways, and the physio sorted it. He takes paracetamol and it takes the edge off but not much. ",
        "No fever that we can tell, he's eating, no tummy pain, his legs seem ok and he can get to the loo with his stick. He says it's about a 6 when he moves and a 3 sitting still. ",
        "my neighbour reckons its a slipped disc but she says that about everything lol. he didnt fall, didnt lift anything heavy, just bent. hes not on blood thinners, he has high blood pressure tablets. ",
        "The only other thing, and I don't know if it matters, is that since this morning he says it feels odd when he wipes and he hasn't had a wee since last night even though he's been drinking tea. ",
    ];

    private string _thousand = null!;
    private string _tenThousand = null!;

    private readonly NarrativeReader _reader = NarrativeReader.Default;
    private readonly Assessor _assessor = new(NarrativeReader.Default);
    private AssessmentCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        _case = new AssessmentCase("bench", 34, Sex.Male, Narrative, findings: null);
        _thousand = Repeat(1_000);
        _tenThousand = Repeat(NarrativeLimits.MaxLength);
        if (!_reader.Read(_tenThousand).Findings[FindingCode.BladderDysfunction])
        {
            throw new InvalidOperationException("The long benchmark narrative is not read as expected.");
        }

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
            if (i % 100 == 0)
            {
                _reader.Read(_tenThousand);
            }
        }

        Thread.Sleep(500);
    }

    [Benchmark(Baseline = true)]
    public NarrativeReading ReadSixtyWords() => _reader.Read(Narrative);

    [Benchmark]
    public AssessmentResult AssessSixtyWords() => _assessor.Assess(_case);

    /// <summary>1,000 characters: the reading grows with the text, no faster (issue 13's goal).</summary>
    [Benchmark]
    public NarrativeReading ReadThousandCharacters() => _reader.Read(_thousand);

    /// <summary>10,000 characters, the contract's limit: 2 ms or less (issue 13's goal).</summary>
    [Benchmark]
    public NarrativeReading ReadTenThousandCharacters() => _reader.Read(_tenThousand);

    private static string Repeat(int length)
    {
        var text = new System.Text.StringBuilder(length + 200);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(Paragraphs[i % Paragraphs.Length]);
        }

        return text.ToString(0, length);
    }
}
