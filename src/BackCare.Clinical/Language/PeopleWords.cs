using System.Text.Json;

namespace BackCare.Clinical.Language;

/// <summary>The gender a word for a person, or a pronoun, points to.</summary>
internal enum PersonGender
{
    Unknown,
    Female,
    Male,
}

/// <summary>
/// The words a narrative uses for people, read from the lexicon's "people" section: who someone writing
/// for the patient says they write for ("writing for", "on behalf of"), relatives and pronouns by gender,
/// words for the same person ("mum", "mother"), and people who are never the patient ("the doctor").
/// </summary>
internal sealed class PeopleWords
{
    private readonly Dictionary<string, PersonGender> _gender = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sameAs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pronouns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _neverPatient = new(StringComparer.Ordinal);

    public PeopleWords(JsonElement people)
    {
        CarerIntro = new PhraseMatcher();
        foreach (var phrase in people.GetProperty("carer_intro").EnumerateArray())
        {
            CarerIntro.Add(phrase.GetString()!, 1);
        }

        foreach (var phrase in people.GetProperty("carer_hint").EnumerateArray())
        {
            CarerIntro.Add(phrase.GetString()!, 0);
        }

        Add(people, "female", PersonGender.Female);
        Add(people, "male", PersonGender.Male);
        Add(people, "neutral", PersonGender.Unknown);
        foreach (var word in people.GetProperty("pronouns").EnumerateArray())
        {
            _pronouns.Add(word.GetString()!);
        }

        foreach (var word in people.GetProperty("never_the_patient").EnumerateArray())
        {
            _neverPatient.Add(word.GetString()!);
        }

        foreach (var group in people.GetProperty("same_person").EnumerateArray())
        {
            var words = group.EnumerateArray().Select(w => w.GetString()!).ToArray();
            foreach (var word in words)
            {
                _sameAs[word] = words[0];
            }
        }
    }

    /// <summary>
    /// "writing for", "on behalf of" (payload 1: the writer says whom the text is about) and "I look after",
    /// "for my" (payload 0: a hint, which the rest of the text can outweigh).
    /// </summary>
    public PhraseMatcher CarerIntro { get; }

    public IEnumerable<string> Words => _gender.Keys.Concat(_neverPatient).Concat(CarerIntro.Words);

    /// <summary>True for a word that names a person other than the writer: a relative, a friend, a pronoun.</summary>
    public bool IsPerson(string word) => _gender.ContainsKey(word);

    public bool IsPronoun(string word) => _pronouns.Contains(word);

    public bool IsNeverPatient(string word) => _neverPatient.Contains(word);

    public PersonGender GenderOf(string word) => _gender.GetValueOrDefault(word);

    /// <summary>True when two words name the same person ("mum" and "mother").</summary>
    public bool Same(string a, string b) => a == b || (_sameAs.TryGetValue(a, out var x) && _sameAs.TryGetValue(b, out var y) && x == y);

    private void Add(JsonElement people, string group, PersonGender gender)
    {
        foreach (var word in people.GetProperty(group).EnumerateArray())
        {
            _gender[word.GetString()!] = gender;
        }
    }
}
