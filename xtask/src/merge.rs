//! Fewer, larger split modules: the splitter makes a chunk for every set of parts that
//! shares code (117 chunks for 10 parts; a deep link to "create an ID" fetched 53 files).
//! Each request and each module's instantiation costs more than a few kilobytes of code
//! a part does not run, so chunks that are mostly needed together become one module.
//!
//! Invariants: every chunk lands in exactly one group (a chunk's active element and data
//! segments write fixed table slots and memory addresses, so it must be instantiated
//! once); a part loads every group holding a chunk it needs; the merged module imports
//! exactly what its chunks imported, and its functions, element and data segments are
//! theirs with the indices moved.
use std::collections::{BTreeMap, BTreeSet, HashMap};
use wasm_encoder::reencode::{Error as ReencodeError, Reencode};
use wasm_encoder::{
    CodeSection, DataCountSection, DataSection, ElementSection, EntityType, FunctionSection,
    ImportSection, Module, TypeSection,
};
use wasmparser::{Parser, Payload, TypeRef};

/// A saved request is worth this many bytes that some part fetches without running them:
/// two groups merge while the bytes a merge adds to the parts that did not need them,
/// per request it saves, stay below it. About what a phone on a fair 4G connection
/// (10 Mbit/s) downloads in the 13 ms a request costs beyond its bytes. A plain static
/// host speaks HTTP/1.1, where a browser opens at most six connections to it: a deep
/// link's modules queue behind the main module. Measured (2026-12-03, `make bench`, one
/// run each): the deep link to "create an ID" fetches 5 files (133 KB gzip) instead of
/// 10 (117 KB), its first heading 189 against 204 ms as is and 204 against 238 ms
/// compressed, Lighthouse mobile 94 against 93. `ONBOARD_MERGE_BYTES` overrides it for
/// such comparisons.
pub const BYTES_PER_REQUEST: u64 = 16384;

/// A group of chunks that becomes one module.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The chunks' file stems, in the order they are merged.
    pub chunks: Vec<String>,
    /// The parts that need at least one of them.
    pub parts: BTreeSet<String>,
    /// Their size in bytes.
    pub bytes: u64,
}

/// Groups `chunks` (stem -> parts that need it, size): greedily merges the pair whose
/// merge adds the fewest unneeded bytes per request saved, while that stays at most
/// `per_request`. Deterministic: ties go to the first pair in stem order.
pub fn group(chunks: &BTreeMap<String, (BTreeSet<String>, u64)>, per_request: u64) -> Vec<Group> {
    let mut groups: Vec<Group> = chunks
        .iter()
        .map(|(stem, (parts, bytes))| Group {
            chunks: vec![stem.clone()],
            parts: parts.clone(),
            bytes: *bytes,
        })
        .collect();
    loop {
        let mut best: Option<(u64, usize, usize)> = None;
        for i in 0..groups.len() {
            for j in i + 1..groups.len() {
                let (a, b) = (&groups[i], &groups[j]);
                let saved = a.parts.intersection(&b.parts).count() as u64;
                if saved == 0 {
                    continue;
                }
                let added = a.bytes * b.parts.difference(&a.parts).count() as u64
                    + b.bytes * a.parts.difference(&b.parts).count() as u64;
                // Compare added/saved without rounding: added * other_saved.
                let better = match best {
                    None => true,
                    Some((cost, bi, bj)) => {
                        let other = groups[bi].parts.intersection(&groups[bj].parts).count();
                        (added as u128) * (other as u128) < (cost as u128) * (saved as u128)
                    }
                };
                if better && added <= per_request * saved {
                    best = Some((added, i, j));
                }
            }
        }
        let Some((_, i, j)) = best else { break };
        let b = groups.remove(j);
        let a = &mut groups[i];
        a.chunks.extend(b.chunks);
        a.parts.extend(b.parts);
        a.bytes += b.bytes;
    }
    groups
}

/// Index maps of one input module into the merged one.
#[derive(Default)]
struct Map {
    types: Vec<u32>,
    funcs: Vec<u32>,
    globals: Vec<u32>,
    tables: Vec<u32>,
    memories: Vec<u32>,
    data_base: u32,
    elem_base: u32,
}

fn at(v: &[u32], i: u32, what: &str) -> Result<u32, ReencodeError<String>> {
    v.get(i as usize)
        .copied()
        .ok_or_else(|| ReencodeError::UserError(format!("{what} {i} out of range")))
}

impl Reencode for Map {
    type Error = String;
    fn type_index(&mut self, ty: u32) -> Result<u32, ReencodeError<String>> {
        at(&self.types, ty, "type")
    }
    fn function_index(&mut self, f: u32) -> Result<u32, ReencodeError<String>> {
        at(&self.funcs, f, "function")
    }
    fn global_index(&mut self, g: u32) -> Result<u32, ReencodeError<String>> {
        at(&self.globals, g, "global")
    }
    fn table_index(&mut self, t: u32) -> Result<u32, ReencodeError<String>> {
        at(&self.tables, t, "table")
    }
    fn memory_index(&mut self, m: u32) -> Result<u32, ReencodeError<String>> {
        at(&self.memories, m, "memory")
    }
    fn data_index(&mut self, d: u32) -> Result<u32, ReencodeError<String>> {
        Ok(self.data_base + d)
    }
    fn element_index(&mut self, e: u32) -> Result<u32, ReencodeError<String>> {
        Ok(self.elem_base + e)
    }
}

/// One import of the merged module; the same (module, name) is imported once.
struct Import {
    module: String,
    name: String,
    ty: TypeRef,
}

fn kind(ty: &TypeRef) -> u8 {
    match ty {
        TypeRef::Func(_) | TypeRef::FuncExact(_) => 0,
        TypeRef::Table(_) => 1,
        TypeRef::Memory(_) => 2,
        TypeRef::Global(_) => 3,
        TypeRef::Tag(_) => 4,
    }
}

/// Two imports of one name: the same kind and, for memories and tables, the larger
/// minimum (the one memory or table supplied satisfies every input, so it satisfies
/// the larger); globals and functions must match exactly.
fn unify(have: &mut TypeRef, new: &TypeRef, name: &str) -> Result<(), String> {
    match (have, new) {
        (TypeRef::Memory(a), TypeRef::Memory(b))
            if a.memory64 == b.memory64 && a.shared == b.shared && a.maximum == b.maximum =>
        {
            a.initial = a.initial.max(b.initial);
            Ok(())
        }
        (TypeRef::Table(a), TypeRef::Table(b))
            if a.element_type == b.element_type && a.maximum == b.maximum =>
        {
            a.initial = a.initial.max(b.initial);
            Ok(())
        }
        (TypeRef::Global(a), TypeRef::Global(b)) if a == b => Ok(()),
        _ => Err(format!("import {name} differs between the chunks")),
    }
}

/// Merges chunk modules into one (see the module's invariants). Refuses anything a
/// chunk of the splitter does not contain (exports, a start function, its own tables,
/// memories or globals, function imports, non-function types, function types that
/// name another type): better a failed build than a silently wrong module.
pub fn merge(inputs: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    // Pass 1: the imports, unified; the function types, deduplicated.
    let mut imports: Vec<Import> = Vec::new();
    let mut types = TypeSection::new();
    let mut type_keys: HashMap<String, u32> = HashMap::new();
    let mut maps: Vec<Map> = Vec::new();
    for input in inputs {
        let mut map = Map::default();
        for payload in Parser::new(0).parse_all(input) {
            match payload.map_err(|e| e.to_string())? {
                Payload::TypeSection(r) => {
                    for group in r {
                        let group = group.map_err(|e| e.to_string())?;
                        for sub in group.types() {
                            let wasmparser::CompositeInnerType::Func(f) = &sub.composite_type.inner
                            else {
                                return Err("a chunk has a non-function type".into());
                            };
                            let key = format!("{:?}->{:?}", f.params(), f.results());
                            let idx = match type_keys.get(&key) {
                                Some(&idx) => idx,
                                None => {
                                    let vals = |ts: &[wasmparser::ValType]| {
                                        ts.iter().map(|t| val(*t)).collect::<Result<Vec<_>, _>>()
                                    };
                                    types.ty().function(vals(f.params())?, vals(f.results())?);
                                    let idx = type_keys.len() as u32;
                                    type_keys.insert(key, idx);
                                    idx
                                }
                            };
                            map.types.push(idx);
                        }
                    }
                }
                Payload::ImportSection(r) => {
                    for imp in r.into_imports() {
                        let imp = imp.map_err(|e| e.to_string())?;
                        let same = |i: &Import| {
                            i.module == imp.module
                                && i.name == imp.name
                                && kind(&i.ty) == kind(&imp.ty)
                        };
                        if !matches!(
                            imp.ty,
                            TypeRef::Memory(_) | TypeRef::Table(_) | TypeRef::Global(_)
                        ) {
                            return Err(format!("a chunk imports the function {}", imp.name));
                        }
                        let idx = match imports.iter().position(same) {
                            Some(p) => {
                                unify(&mut imports[p].ty, &imp.ty, imp.name)?;
                                p
                            }
                            None => {
                                imports.push(Import {
                                    module: imp.module.into(),
                                    name: imp.name.into(),
                                    ty: imp.ty,
                                });
                                imports.len() - 1
                            }
                        };
                        // Per kind, the index among the merged imports of that kind.
                        let k = kind(&imp.ty);
                        let n = imports[..idx].iter().filter(|i| kind(&i.ty) == k).count() as u32;
                        match k {
                            1 => map.tables.push(n),
                            2 => map.memories.push(n),
                            _ => map.globals.push(n),
                        }
                    }
                }
                // (The splitter writes some of these sections empty in debug builds.)
                Payload::ExportSection(r) if r.count() == 0 => {}
                Payload::TableSection(r) if r.count() == 0 => {}
                Payload::MemorySection(r) if r.count() == 0 => {}
                Payload::GlobalSection(r) if r.count() == 0 => {}
                Payload::TagSection(r) if r.count() == 0 => {}
                Payload::ExportSection(_)
                | Payload::StartSection { .. }
                | Payload::TableSection(_)
                | Payload::MemorySection(_)
                | Payload::GlobalSection(_)
                | Payload::TagSection(_) => {
                    return Err("a chunk defines or exports something of its own".into());
                }
                _ => {}
            }
        }
        maps.push(map);
    }

    // Pass 2: functions, elements, data, code, with every index moved.
    let (mut funcs, mut code) = (FunctionSection::new(), CodeSection::new());
    let (mut elems, mut data) = (ElementSection::new(), DataSection::new());
    let (mut n_funcs, mut n_data, mut n_elems) = (0u32, 0u32, 0u32);
    let mut names_out: Vec<(u32, String)> = Vec::new();
    for (input, map) in inputs.iter().zip(maps.iter_mut()) {
        map.data_base = n_data;
        map.elem_base = n_elems;
        // Defined functions follow the imports (there are no function imports).
        let mut bodies = Vec::new();
        for payload in Parser::new(0).parse_all(input) {
            match payload.map_err(|e| e.to_string())? {
                Payload::FunctionSection(r) => {
                    for ty in r {
                        let ty = ty.map_err(|e| e.to_string())?;
                        map.funcs.push(n_funcs);
                        n_funcs += 1;
                        funcs.function(at(&map.types, ty, "type").map_err(err)?);
                    }
                }
                Payload::ElementSection(r) => {
                    n_elems += r.count();
                    map.parse_element_section(&mut elems, r).map_err(err)?;
                }
                Payload::DataSection(r) => {
                    n_data += r.count();
                    map.parse_data_section(&mut data, r).map_err(err)?;
                }
                Payload::CodeSectionEntry(body) => bodies.push(body),
                // Function names (kept only when a profile wants them), moved too.
                Payload::CustomSection(c) => {
                    if let wasmparser::KnownCustom::Name(r) = c.as_known() {
                        for sub in r {
                            if let wasmparser::Name::Function(names) =
                                sub.map_err(|e| e.to_string())?
                            {
                                for n in names {
                                    let n = n.map_err(|e| e.to_string())?;
                                    let f = at(&map.funcs, n.index, "function").map_err(err)?;
                                    names_out.push((f, n.name.to_string()));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for body in bodies {
            map.parse_function_body(&mut code, body).map_err(err)?;
        }
    }

    let mut section = ImportSection::new();
    for i in &imports {
        let ty: EntityType = i.ty.try_into().map_err(|e| format!("{e:?}"))?;
        section.import(&i.module, &i.name, ty);
    }
    let mut out = Module::new();
    out.section(&types);
    out.section(&section);
    out.section(&funcs);
    if n_elems > 0 {
        out.section(&elems);
    }
    if n_data > 0 {
        out.section(&DataCountSection { count: n_data });
    }
    out.section(&code);
    if n_data > 0 {
        out.section(&data);
    }
    if !names_out.is_empty() {
        names_out.sort_by_key(|(f, _)| *f);
        let mut map = wasm_encoder::NameMap::new();
        for (f, name) in &names_out {
            map.append(*f, name);
        }
        let mut names = wasm_encoder::NameSection::new();
        names.functions(&map);
        out.section(&names);
    }
    let bytes = out.finish();
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&bytes)
        .map_err(|e| format!("the merged module is invalid: {e}"))?;
    Ok(bytes)
}

/// The names a module imports from `module`.
pub fn import_names(wasm: &[u8], module: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::ImportSection(r) = payload.map_err(|e| e.to_string())? {
            for imp in r.into_imports() {
                let imp = imp.map_err(|e| e.to_string())?;
                if imp.module == module {
                    out.push(imp.name.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// The names a module exports.
pub fn export_names(wasm: &[u8]) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::ExportSection(r) = payload.map_err(|e| e.to_string())? {
            for e in r {
                out.insert(e.map_err(|e| e.to_string())?.name.to_string());
            }
        }
    }
    Ok(out)
}

fn err(e: ReencodeError<String>) -> String {
    match e {
        ReencodeError::UserError(s) => s,
        other => format!("{other:?}"),
    }
}

/// A value type of a chunk's function type: numbers and abstract references only (a
/// reference to another type would need its index moved too, which no chunk needs).
fn val(t: wasmparser::ValType) -> Result<wasm_encoder::ValType, String> {
    if let wasmparser::ValType::Ref(r) = t {
        if !matches!(r.heap_type(), wasmparser::HeapType::Abstract { .. }) {
            return Err(format!(
                "a chunk's function type refers to another type ({t:?})"
            ));
        }
    }
    wasm_encoder::reencode::RoundtripReencoder
        .val_type(t)
        .map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        ConstExpr, DataSegment, DataSegmentMode, Elements, Function, Instruction, MemoryType,
        TableType,
    };

    fn set(parts: &[&str]) -> BTreeSet<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chunks_needed_together_merge_and_a_large_one_used_apart_stays() {
        let chunks: BTreeMap<String, (BTreeSet<String>, u64)> = [
            ("a", (set(&["id", "sites"]), 300)),
            ("b", (set(&["id", "sites", "mail"]), 200)),
            ("c", (set(&["mail", "office"]), 90_000)),
            ("d", (set(&["id", "office"]), 100)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let groups = group(&chunks, 4096);
        let of = |c: &str| {
            groups
                .iter()
                .position(|g| g.chunks.contains(&c.to_string()))
        };
        assert_eq!(of("a"), of("b"), "{groups:?}");
        assert_eq!(of("a"), of("d"), "{groups:?}");
        assert_ne!(of("a"), of("c"), "{groups:?}");
        // Every chunk exactly once; a group's parts are its chunks' parts.
        let all: Vec<_> = groups.iter().flat_map(|g| g.chunks.clone()).collect();
        assert_eq!(all.len(), 4);
        let big = &groups[of("c").unwrap()];
        assert_eq!(big.parts, set(&["mail", "office"]));
        assert_eq!(group(&chunks, 0).len(), 4, "no merge costs nothing here");
    }

    /// A chunk as the splitter writes one: imports the memory and the table, writes a
    /// data segment and puts its one function into a table slot.
    fn chunk(slot: u32, addr: u32, value: i32, memory_min: u64) -> Vec<u8> {
        chunk_with(slot, addr, value, memory_min, None)
    }

    /// The same with a name section.
    fn chunk_with(
        slot: u32,
        addr: u32,
        value: i32,
        memory_min: u64,
        names: Option<&wasm_encoder::NameSection>,
    ) -> Vec<u8> {
        let mut m = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], [wasm_encoder::ValType::I32]);
        m.section(&types);
        let mut imports = ImportSection::new();
        imports.import(
            "__wasm_split",
            "memory",
            MemoryType {
                minimum: memory_min,
                maximum: None,
                memory64: false,
                shared: false,
                page_size_log2: None,
            },
        );
        imports.import(
            "__wasm_split",
            "__indirect_function_table",
            TableType {
                element_type: wasm_encoder::RefType::FUNCREF,
                minimum: 8,
                maximum: None,
                table64: false,
                shared: false,
            },
        );
        m.section(&imports);
        let mut funcs = FunctionSection::new();
        funcs.function(0);
        m.section(&funcs);
        let mut elems = ElementSection::new();
        elems.active(
            Some(0),
            &ConstExpr::i32_const(slot as i32),
            Elements::Functions([0].as_slice().into()),
        );
        m.section(&elems);
        m.section(&DataCountSection { count: 1 });
        let mut code = CodeSection::new();
        let mut f = Function::new([]);
        f.instruction(&Instruction::I32Const(value));
        f.instruction(&Instruction::End);
        code.function(&f);
        m.section(&code);
        let mut data = DataSection::new();
        data.segment(DataSegment {
            mode: DataSegmentMode::Active {
                memory_index: 0,
                offset: &ConstExpr::i32_const(addr as i32),
            },
            data: [value as u8],
        });
        m.section(&data);
        if let Some(names) = names {
            m.section(names);
        }
        m.finish()
    }

    #[test]
    fn a_merged_module_imports_once_and_keeps_every_slot_and_segment() {
        let merged = merge(&[chunk(3, 100, 7, 2), chunk(5, 200, 9, 4)]).unwrap();
        let (mut imports, mut slots, mut data, mut bodies, mut memory_min) =
            (0, vec![], vec![], 0, 0);
        for p in Parser::new(0).parse_all(&merged) {
            match p.unwrap() {
                Payload::ImportSection(r) => {
                    for i in r.into_imports() {
                        imports += 1;
                        if let TypeRef::Memory(m) = i.unwrap().ty {
                            memory_min = m.initial;
                        }
                    }
                }
                Payload::ElementSection(r) => {
                    for e in r {
                        let e = e.unwrap();
                        let wasmparser::ElementKind::Active { offset_expr, .. } = e.kind else {
                            panic!("active")
                        };
                        let mut ops = offset_expr.get_operators_reader();
                        let wasmparser::Operator::I32Const { value } = ops.read().unwrap() else {
                            panic!("const")
                        };
                        let wasmparser::ElementItems::Functions(fs) = e.items else {
                            panic!("functions")
                        };
                        let fs: Vec<u32> = fs.into_iter().map(Result::unwrap).collect();
                        slots.push((value, fs));
                    }
                }
                Payload::DataSection(r) => {
                    for d in r {
                        data.push(d.unwrap().data.to_vec());
                    }
                }
                Payload::CodeSectionEntry(_) => bodies += 1,
                _ => {}
            }
        }
        assert_eq!(imports, 2, "the memory and the table, once each");
        assert_eq!(memory_min, 4, "the larger minimum");
        assert_eq!(slots, vec![(3, vec![0]), (5, vec![1])]);
        assert_eq!(data, vec![vec![7], vec![9]]);
        assert_eq!(bodies, 2);
    }

    #[test]
    fn function_names_move_with_their_functions() {
        let mut map = wasm_encoder::NameMap::new();
        map.append(0, "second");
        let mut names = wasm_encoder::NameSection::new();
        names.functions(&map);
        let named = chunk_with(5, 200, 9, 1, Some(&names));
        let merged = merge(&[chunk(3, 100, 7, 1), named]).unwrap();
        let mut found = vec![];
        for p in Parser::new(0).parse_all(&merged) {
            if let Payload::CustomSection(c) = p.unwrap() {
                if let wasmparser::KnownCustom::Name(r) = c.as_known() {
                    for sub in r {
                        if let wasmparser::Name::Function(m) = sub.unwrap() {
                            found.extend(m.into_iter().map(|n| {
                                let n = n.unwrap();
                                (n.index, n.name.to_string())
                            }));
                        }
                    }
                }
            }
        }
        assert_eq!(found, vec![(1, "second".to_string())]);
    }

    #[test]
    fn a_chunk_with_its_own_export_is_refused_and_an_empty_section_is_not() {
        let mut m = Module::new();
        let mut exports = wasm_encoder::ExportSection::new();
        exports.export("x", wasm_encoder::ExportKind::Memory, 0);
        let mut mem = wasm_encoder::MemorySection::new();
        mem.memory(MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        m.section(&mem);
        m.section(&exports);
        assert!(merge(&[m.finish()]).is_err());
        // The empty sections a debug build's chunks carry are no reason to refuse.
        let mut empty = Module::new();
        empty.section(&wasm_encoder::ExportSection::new());
        assert!(merge(&[empty.finish(), chunk(1, 8, 1, 1)]).is_ok());
    }
}
