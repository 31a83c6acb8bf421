using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BenchmarkDotNet.Attributes;

namespace BackCare.Benchmarks;

/// <summary>
/// The work POST /api/assessments does for one case, without HTTP: parse the body, read the case, assess it
/// and write the result. Tells the web API's own cost apart from the cost of moving bytes.
/// </summary>
[MemoryDiagnoser]
public class ApiWorkBenchmarks
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Assessor _assessor = new(narrativeReader: null);
    private readonly ArrayBufferWriter<byte> _output = new(8192);
    private byte[] _body = null!;

    private AssessmentResult _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = Encoding.UTF8.GetBytes(
        """{"id":"p01","age":34,"sex":"male","narrative":"I lifted a sofa yesterday and my lower back went into a spasm. It hurts about 7 out of 10. No pain in my legs, no problems peeing, no fever.","findings":{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower","course":"unchanged"}}""");
        _result = _assessor.Assess(CaseReader.Read(Encoding.UTF8.GetString(_body)).Case!);
    }

    [Benchmark]
    public int AssessOnly()
    {
        using var document = JsonDocument.Parse(_body);
        return _assessor.Assess(CaseReader.Read(document.RootElement).Case!).Reasons.Count;
    }

    [Benchmark]
    public int WriteOnly()
    {
        _output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_output, Options);
        ResultWriter.Write(writer, _result);
        writer.Flush();
        return _output.WrittenCount;
    }

    [Benchmark]
    public int ParseOnly()
    {
        using var document = JsonDocument.Parse(_body);
        return CaseReader.Read(document.RootElement).Errors.Count;
    }

    [Benchmark]
    public int ParseAssessWrite()
    {
        using var document = JsonDocument.Parse(_body);
        var read = CaseReader.Read(document.RootElement);
        var result = _assessor.Assess(read.Case!);
        _output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_output, Options);
        ResultWriter.Write(writer, result);
        writer.Flush();
        return _output.WrittenCount;
    }
}
