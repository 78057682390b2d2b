using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TypedProducer.SchemaRegistry;

/// <summary>Fetches what a registered schema references, as its readers need it.</summary>
internal static class SchemaReferenceTexts
{
    /// <summary>
    /// The texts of the schemas <paramref name="references"/> name and, before each, of those they reference in turn
    /// (Confluent "Schema references"), each once.
    /// </summary>
    /// <exception cref="SchemaRegistryException">A referenced version cannot be fetched.</exception>
    public static async Task<IReadOnlyList<string>> FetchAsync(ISchemaRegistryClient registry, IReadOnlyList<SchemaReference> references, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        if (references.Count > 0)
        {
            await AddAsync(registry, references, texts, new HashSet<(string, int)>(), cancellationToken).ConfigureAwait(false);
        }

        return texts;
    }

    private static async Task AddAsync(ISchemaRegistryClient registry, IReadOnlyList<SchemaReference> references, List<string> texts, HashSet<(string, int)> seen, CancellationToken cancellationToken)
    {
        foreach (SchemaReference reference in references)
        {
            if (!seen.Add((reference.Subject, reference.Version)))
            {
                continue;
            }

            RegisteredSchema schema = await registry.GetRegisteredSchemaAsync(reference.Subject, reference.Version, cancellationToken).ConfigureAwait(false);
            await AddAsync(registry, schema.References, texts, seen, cancellationToken).ConfigureAwait(false);
            texts.Add(schema.Schema);
        }
    }
}
