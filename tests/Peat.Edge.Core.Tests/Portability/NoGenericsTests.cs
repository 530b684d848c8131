using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Peat.Edge.Core.Node;
using Xunit;

namespace Peat.Edge.Core.Tests.Portability;

/// <summary>
/// The stable nanoFramework runtime cannot execute generic code, so the core must neither define nor
/// instantiate any generic type or method. Checked on the built assembly's metadata, where the
/// compiler's own output (lambdas, iterators, pattern matching) shows up too.
/// </summary>
public sealed class NoGenericsTests
{
    [Fact]
    public void The_core_assembly_defines_and_uses_no_generics()
    {
        string path = typeof(MeshNode).Assembly.Location;
        var findings = FindGenerics(path);
        Assert.True(findings.Count == 0, "generic code in Peat.Edge.Core.dll:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void The_check_finds_generics_where_there_are_some()
    {
        // The test assembly itself is full of List<T> and lambdas: the scanner must see them.
        var findings = FindGenerics(typeof(NoGenericsTests).Assembly.Location);
        Assert.Contains(findings, f => f.StartsWith("instantiated", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("generic method spec", StringComparison.Ordinal) || f.StartsWith("generic type definition", StringComparison.Ordinal) || f.StartsWith("generic method definition", StringComparison.Ordinal));
    }

    internal static List<string> FindGenerics(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        var findings = new List<string>();
        var provider = new GenericSpotter();

        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            string name = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
            if (type.GetGenericParameters().Count > 0)
            {
                findings.Add("generic type definition " + name);
            }

            foreach (var fieldHandle in type.GetFields())
            {
                var field = md.GetFieldDefinition(fieldHandle);
                CheckSignature(() => field.DecodeSignature(provider, null), name + "." + md.GetString(field.Name), findings);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                string methodName = name + "." + md.GetString(method.Name);
                if (method.GetGenericParameters().Count > 0)
                {
                    findings.Add("generic method definition " + methodName);
                }

                CheckSignature(() => method.DecodeSignature(provider, null), methodName, findings);
                if (method.RelativeVirtualAddress != 0)
                {
                    var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                    if (!body.LocalSignature.IsNil)
                    {
                        var locals = md.GetStandaloneSignature(body.LocalSignature);
                        CheckSignature(() => locals.DecodeLocalSignature(provider, null), methodName + " locals", findings);
                    }
                }
            }
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var handle = MetadataTokens.TypeSpecificationHandle(row);
            CheckSignature(() => md.GetTypeSpecification(handle).DecodeSignature(provider, null), "type spec " + row, findings);
        }

        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            string name = md.GetString(member.Name);
            if (member.GetKind() == MemberReferenceKind.Method)
            {
                CheckSignature(() => member.DecodeMethodSignature(provider, null), "member ref " + name, findings);
            }
            else
            {
                CheckSignature(() => member.DecodeFieldSignature(provider, null), "member ref " + name, findings);
            }
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            findings.Add("generic method spec " + row + " (" + spec.Method.Kind + ")");
        }

        return findings;
    }

    private static void CheckSignature(Func<object> decode, string where, List<string> findings)
    {
        GenericSpotter.Found = null;
        decode();
        if (GenericSpotter.Found != null)
        {
            findings.Add("instantiated " + GenericSpotter.Found + " in " + where);
        }
    }

    /// <summary>Decodes signatures to strings and remembers any generic instantiation or type parameter it meets.</summary>
    private sealed class GenericSpotter : ISignatureTypeProvider<string, object?>
    {
        [ThreadStatic]
        public static string? Found;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => Found = genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericTypeParameter(object? genericContext, int index) => Found = "!" + index;

        public string GetGenericMethodParameter(object? genericContext, int index) => Found = "!!" + index;

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
