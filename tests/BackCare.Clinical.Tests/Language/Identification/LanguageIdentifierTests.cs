using System.Text.Json;
using BackCare.Clinical.Language.Identification;

namespace BackCare.Clinical.Tests.Language.Identification;

/// <summary>
/// The identifier against our own samples (samples.jsonl: at least 20 per language, as people write, and noise)
/// and against every English narrative the repository holds: none may be called another language.
/// </summary>
public class LanguageIdentifierTests
{
    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var (language, text) in ReadSamples())
        {
            data.Add(language, text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Given_a_sample_in_a_known_language_or_noise_When_identified_Then_it_gets_that_language(string language, string text)
    {
        LanguageIdentifier.Identify(text).Code.ShouldBe(language, text);
    }

    [Fact]
    public void Given_the_samples_When_counted_Then_every_language_the_identifier_names_and_noise_have_at_least_20()
    {
        var counts = ReadSamples().GroupBy(s => s.Language).ToDictionary(g => g.Key, g => g.Count());

        foreach (var language in LanguageIdentifier.Languages.Select(l => l.Code).Append(LanguageIdentifier.NoiseCode))
        {
            counts.GetValueOrDefault(language).ShouldBeGreaterThanOrEqualTo(20, language);
        }
    }

    [Fact]
    public void Given_every_English_narrative_in_the_repository_When_identified_Then_none_is_called_another_language()
    {
        var narratives = EnglishNarratives().ToList();

        var misread = narratives.Where(n => LanguageIdentifier.Identify(n).IsOther).ToList();

        narratives.Count.ShouldBeGreaterThan(100);
        misread.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("cant pee 2day pls help")]
    [InlineData("I am having pain in back since 3 days, also fever is there")]
    [InlineData("my bak hurtz so bad cnt walk n my legs r numb")]
    [InlineData("Back went while I was on holiday in San Sebastián, no fever")]
    [InlineData("My back hurts. Gracias")]
    [InlineData("Mi back very pain, no can sleep, please help")]
    [InlineData("Mum says it's her lumbago again, she's 84")]
    [InlineData("back")]
    [InlineData("ow")]
    public void Given_English_as_people_write_it_When_identified_Then_it_is_English(string text)
    {
        LanguageIdentifier.Identify(text).IsEnglish.ShouldBeTrue();
    }

    [Theory]
    [InlineData("es", "Spanish")]
    [InlineData("zh", "Chinese")]
    [InlineData("ar", "Arabic")]
    [InlineData("xx", null)]
    public void Given_a_language_code_When_named_Then_the_name_is_in_English_words(string code, string? name)
    {
        LanguageIdentifier.NameOf(code).ShouldBe(name);
    }

    private static IEnumerable<(string Language, string Text)> ReadSamples() =>
        File.ReadLines(RepositoryFile("tests/BackCare.Clinical.Tests/Language/Identification/samples.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (e.GetProperty("language").GetString()!, e.GetProperty("text").GetString()!));

    /// <summary>The public vignettes, the narratives of the engine's tables, the English samples and the corpus files (Language/Corpus/*.jsonl).</summary>
    private static IEnumerable<string> EnglishNarratives()
    {
        var files = new List<string> { Path.Combine(TestCases.SharedFolder(), "vignettes", "public.jsonl") };
        var corpus = Path.GetDirectoryName(RepositoryFile("tests/BackCare.Clinical.Tests/Language/Identification/samples.jsonl"))!;
        var corpusFolder = Path.Combine(Path.GetDirectoryName(corpus)!, "Corpus");
        if (Directory.Exists(corpusFolder))
        {
            files.AddRange(Directory.GetFiles(corpusFolder, "*.jsonl"));
        }

        foreach (var line in files.SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0))
        {
            var root = JsonDocument.Parse(line).RootElement;
            if (root.TryGetProperty("narrative", out var narrative) && narrative.ValueKind == JsonValueKind.String)
            {
                yield return narrative.GetString()!;
            }
        }

        foreach (var row in NarrativeAssessmentTests.Narratives)
        {
            yield return (string)row[2];
        }

        foreach (var (language, text) in ReadSamples())
        {
            if (language == LanguageIdentifier.EnglishCode)
            {
                yield return text;
            }
        }
    }

    internal static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} was not found above {AppContext.BaseDirectory}.");
    }
}
