// The runtime of the split modules' loader (the splitter's own, wasm_split_cli_support
// 0.2.4, MIT/Apache-2.0): a part's loader fetches its modules in parallel, instantiates
// them with the main module's memory and table, and then calls back into Rust.
function wrapAsyncCb(callee) {
    return async (callbackIndex, callbackData) => {
        let success;
        try {
            await callee();
            success = true;
        } catch (e) {
            console.error(e);
            success = false;
        } finally {
            const table = getSharedImports().__wasm_split.__indirect_function_table;
            table.get(callbackIndex)(callbackData, success);
        }
    };
}
// Memoizes a successful load only: a failed one (a network error) is tried again on
// the next call.
function makeLoad(fetcher, deps) {
    const loader = async () => {
        const parallel = deps.map(d => d());
        const instantiate = fetcher();
        await Promise.all(parallel);
        return instantiate(getSharedImports());
    };
    let loading = undefined;
    return () => {
        if (loading === undefined) {
            const thisLoad = loader();
            thisLoad.catch(() => {
                if (loading === thisLoad) loading = undefined;
            });
            loading = thisLoad;
        }
        return loading;
    };
}
// The modules the page's first script compiled (a route page's part; the decoding of
// stored records when storage holds some), `window.onboardEarly`: a part's loader
// then only instantiates them. Used once: a call after a failure fetches again.
function compileEarly(url) {
    if (typeof window === "undefined") return undefined;
    const early = window.onboardEarly;
    if (!(early instanceof Map) || !early.has(url)) return undefined;
    const compiled = early.get(url);
    early.delete(url);
    return compiled;
}
function fetcher(file) {
    const url = new URL(file, import.meta.url).href;
    let early = compileEarly(url);
    return () => {
        const compiled = early;
        early = undefined;
        const fresh = () => {
            const src = fetch(url);
            src.catch(() => {});
            return src;
        };
        if (compiled !== undefined) {
            return (imports) => compiled.then(
                (module) => WebAssembly.instantiate(module, imports)
                    .then((instance) => ({ module, instance })),
                () => WebAssembly.instantiateStreaming(fresh(), imports));
        }
        const src = fresh();
        return (imports) => WebAssembly.instantiateStreaming(src, imports);
    };
}
const empty = () => async () => ({});
