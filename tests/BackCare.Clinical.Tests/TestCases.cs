using BackCare.Clinical.Contract;

namespace BackCare.Clinical.Tests;

/// <summary>Builds cases for the tables from the contract's own JSON, so a row reads like a case a caller would send.</summary>
internal static class TestCases
{
    private static readonly Assessor Engine = new(narrativeReader: null);

    public static AssessmentCase Case(int age, string findingsJson)
    {
        var read = CaseReader.Read($$"""{"id":"t","age":{{age}},"findings":{{findingsJson}}}""");
        read.IsValid.ShouldBeTrue(read.ErrorText);
        return read.Case!;
    }

    public static AssessmentResult Assess(int age, string findingsJson) => Engine.Assess(Case(age, findingsJson));

    public static IEnumerable<string> RuleIds(this AssessmentResult result) => result.Reasons.Select(r => r.Rule);

    /// <summary>The folder that holds the shared material (../shared beside the repository), found by walking up.</summary>
    public static string SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "vignettes");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "shared");
            }
        }

        throw new DirectoryNotFoundException("The shared folder (../shared beside the repository) was not found.");
    }
}
