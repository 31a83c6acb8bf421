using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BenchmarkDotNet.Attributes;

namespace BackCare.Benchmarks;

/// <summary>One structured assessment through the engine, as the contract's library call makes it.</summary>
[MemoryDiagnoser]
public class AssessmentBenchmarks
{
    private readonly Assessor _assessor = new(narrativeReader: null);
    private AssessmentCase _selfCare = null!;
    private AssessmentCase _emergency = null!;

    [GlobalSetup]
    public void Setup()
    {
        _selfCare = CaseReader.Read("""
            {"id":"b1","age":34,"sex":"male","findings":{"onset_days":1,"trigger":"lifting","pain_score":7,
             "pain_region":"lower","course":"unchanged","blood_thinners":true}}
            """).Case!;
        _emergency = CaseReader.Read("""
            {"id":"b2","age":52,"sex":"female","findings":{"onset_days":3,"trigger":"unknown","pain_score":6,
             "bladder_dysfunction":true,"saddle_numbness":true}}
            """).Case!;
    }

    [Benchmark(Baseline = true)]
    public AssessmentResult StructuredSelfCare() => _assessor.Assess(_selfCare);

    [Benchmark]
    public AssessmentResult StructuredEmergency() => _assessor.Assess(_emergency);
}
