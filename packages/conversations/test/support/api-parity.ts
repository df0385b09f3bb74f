/**
 * The API parity checker: reads an official declaration file and ours into one TypeScript
 * program (so their types can be compared with one checker) and lists every way in which ours
 * fails to be a drop-in replacement: a missing class, member, event constant or exported type,
 * a member of another kind (method vs property, static vs instance), a method that cannot take
 * the same arguments, or a primitive/literal type that is not assignable.
 */
import ts from "typescript";

export type ParityGap = { where: string; problem: string };

type Side = { checker: ts.TypeChecker; exports: Map<string, ts.Symbol> };

/** The members of an official class that belong to its public API (no private, `_`, `@internal`). */
export function publicMembers(declaration: ts.ClassDeclaration): ts.ClassElement[] {
  return declaration.members.filter((member) => {
    if (ts.isConstructorDeclaration(member) || ts.isIndexSignatureDeclaration(member)) return false;
    const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
    if (!name || name.startsWith("_")) return false;
    const flags = ts.getCombinedModifierFlags(member as unknown as ts.Declaration);
    if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return false;
    if (ts.getJSDocTags(member).some((tag) => tag.tagName.text === "internal")) return false;
    // A write-only setter (User.entityName) is internal plumbing.
    if (
      ts.isSetAccessorDeclaration(member) &&
      !declaration.members.some((m) => ts.isGetAccessorDeclaration(m) && m.name.getText() === name)
    )
      return false;
    return true;
  });
}

export function isStatic(member: ts.ClassElement): boolean {
  return Boolean(ts.getCombinedModifierFlags(member as unknown as ts.Declaration) & ts.ModifierFlags.Static);
}

/** Types made only of primitives and literals (and null/undefined): the ones compared exactly. */
function isPrimitiveLike(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(isPrimitiveLike);
  const primitive =
    ts.TypeFlags.String |
    ts.TypeFlags.Number |
    ts.TypeFlags.Boolean |
    ts.TypeFlags.BooleanLiteral |
    ts.TypeFlags.StringLiteral |
    ts.TypeFlags.NumberLiteral |
    ts.TypeFlags.Null |
    ts.TypeFlags.Undefined |
    ts.TypeFlags.Void;
  return (type.flags & primitive) !== 0;
}

/** The members of a type other than `undefined` (each one, for a union). */
function withoutUndefined(type: ts.Type): ts.Type[] {
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
}

/** `Promise<X>` → X (once), so `Promise<number>` is compared like `number`. */
function unwrapPromise(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  const symbol = type.getSymbol();
  if (symbol && (symbol.name === "Promise" || symbol.name === "CancellablePromise")) {
    const args = checker.getTypeArguments(type as ts.TypeReference);
    if (args[0]) return args[0];
  }
  return type;
}

function exportsOf(program: ts.Program, file: string): Side {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`Not in the program: ${file}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`Not a module: ${file}`);
  const exports = new Map<string, ts.Symbol>();
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) exports.set(symbol.name, symbol);
  return { checker, exports };
}

function resolve(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

type CallShape = { required: number; total: number; rest: boolean; params: ts.Type[]; optional: boolean[]; returns: ts.Type };

function callShape(checker: ts.TypeChecker, signature: ts.Signature): CallShape {
  const params = signature.getParameters();
  let required = 0;
  let rest = false;
  const types: ts.Type[] = [];
  const optional: boolean[] = [];
  for (const param of params) {
    const declaration = param.valueDeclaration as ts.ParameterDeclaration | undefined;
    const isOptional = Boolean(declaration?.questionToken || declaration?.initializer);
    if (declaration?.dotDotDotToken) rest = true;
    else if (!isOptional) required++;
    types.push(checker.getTypeOfSymbol(param));
    optional.push(isOptional);
  }
  return { required, total: rest ? params.length - 1 : params.length, rest, params: types, optional, returns: signature.getReturnType() };
}

/** Compares one official member with ours; pushes the gaps it finds. */
function compareMember(
  official: { checker: ts.TypeChecker; member: ts.ClassElement; owner: ts.Type },
  ours: { checker: ts.TypeChecker; owner: ts.Type },
  where: string,
  gaps: ParityGap[],
): void {
  const checker = official.checker;
  const name = (official.member.name as ts.Identifier).text;
  const theirSymbol = official.owner.getProperty(name);
  const ourSymbol = ours.owner.getProperty(name);
  if (!theirSymbol) return;
  if (!ourSymbol) {
    gaps.push({ where, problem: "missing" });
    return;
  }
  const ourDeclaration = ourSymbol.declarations?.[0];
  if (ourDeclaration && ts.getCombinedModifierFlags(ourDeclaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) {
    gaps.push({ where, problem: "not public" });
    return;
  }
  const theirType = checker.getTypeOfSymbol(theirSymbol);
  const ourType = ours.checker.getTypeOfSymbol(ourSymbol);
  const theirCalls = theirType.getCallSignatures();
  const ourCalls = ourType.getCallSignatures();
  const isEvent = ts.getJSDocTags(official.member).some((tag) => tag.tagName.text === "event");
  if (theirCalls.length > 0) {
    if (ourCalls.length === 0) {
      gaps.push({ where, problem: "is not a method" });
      return;
    }
    const theirs = callShape(checker, theirCalls[0]!);
    // Any of our overloads may accept every call the official one accepts.
    const problems: string[][] = ourCalls.map((signature) => {
      const mine = callShape(ours.checker, signature);
      const found: string[] = [];
      if (mine.required > theirs.required) found.push(`requires ${mine.required} arguments, official requires ${theirs.required}`);
      if (!mine.rest && (theirs.rest || mine.total < theirs.total)) found.push(`takes ${mine.total} parameters, official ${theirs.total}`);
      theirs.params.forEach((theirParam, i) => {
        const ourParam = mine.params[Math.min(i, mine.params.length - 1)];
        if (!ourParam || !isPrimitiveLike(theirParam)) return;
        // An optional parameter of ours takes `undefined` even when its declared type omits it (a default value).
        const theirs = mine.optional[Math.min(i, mine.params.length - 1)] ? withoutUndefined(theirParam) : [theirParam];
        if (!theirs.every((t) => checker.isTypeAssignableTo(t, ourParam)))
          found.push(`parameter ${i + 1}: ${checker.typeToString(theirParam)} is not assignable to ${checker.typeToString(ourParam)}`);
      });
      const theirReturn = unwrapPromise(checker, theirs.returns);
      const ourReturn = unwrapPromise(checker, mine.returns);
      if (isPrimitiveLike(theirReturn) && !checker.isTypeAssignableTo(ourReturn, theirReturn))
        found.push(`returns ${checker.typeToString(ourReturn)}, official ${checker.typeToString(theirReturn)}`);
      if ((theirReturn !== theirs.returns) !== (ourReturn !== mine.returns)) found.push("one returns a promise, the other does not");
      return found;
    });
    if (!problems.some((found) => found.length === 0)) for (const problem of problems[0] ?? []) gaps.push({ where, problem });
    return;
  }
  if (ourCalls.length > 0 && !isEvent) {
    gaps.push({ where, problem: "is a method, official is a property" });
    return;
  }
  if (isPrimitiveLike(theirType) && !checker.isTypeAssignableTo(ourType, theirType)) {
    gaps.push({ where, problem: `type ${checker.typeToString(ourType)} is not assignable to ${checker.typeToString(theirType)}` });
  }
}

/** The inherited emitter API every emitting class of the official SDK has (Node's EventEmitter + replay). */
export const emitterMethods = [
  "on",
  "once",
  "off",
  "emit",
  "addListener",
  "removeListener",
  "removeAllListeners",
  "listeners",
  "listenerCount",
  "setMaxListeners",
  "prependListener",
  "addListenerWithReplay",
  "onWithReplay",
  "onceWithReplay",
] as const;

/**
 * Checks ours against the official declarations. `officialFile` and `ourFile` are module files
 * (`.d.ts` or `.ts`); every exported class of the official one must exist in ours with each
 * public member, and every exported type or interface name must be exported by ours.
 */
export function checkParity(officialFile: string, ourFile: string, options: ts.CompilerOptions = {}): ParityGap[] {
  const program = ts.createProgram([officialFile, ourFile], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    ...options,
  });
  const official = exportsOf(program, officialFile);
  const ours = exportsOf(program, ourFile);
  const checker = official.checker;
  const gaps: ParityGap[] = [];

  for (const [name, exported] of official.exports) {
    const ourExport = ours.exports.get(name);
    if (!ourExport) {
      gaps.push({ where: name, problem: "not exported" });
      continue;
    }
    const theirSymbol = resolve(checker, exported);
    const classDeclaration = theirSymbol.declarations?.find(ts.isClassDeclaration);
    if (!classDeclaration) continue;
    const ourSymbol = resolve(checker, ourExport);
    if (!(ourSymbol.flags & ts.SymbolFlags.Class)) {
      gaps.push({ where: name, problem: "is not a class" });
      continue;
    }
    const theirInstance = checker.getDeclaredTypeOfSymbol(theirSymbol);
    const theirStatic = checker.getTypeOfSymbol(theirSymbol);
    const ourInstance = checker.getDeclaredTypeOfSymbol(ourSymbol);
    const ourStatic = checker.getTypeOfSymbol(ourSymbol);
    for (const member of publicMembers(classDeclaration)) {
      const memberName = (member.name as ts.Identifier).text;
      const staticMember = isStatic(member);
      const where = `${name}${staticMember ? "." : "#"}${memberName}`;
      const owner = staticMember ? ourStatic : ourInstance;
      const other = staticMember ? ourInstance : ourStatic;
      if (!owner.getProperty(memberName) && other.getProperty(memberName)) {
        gaps.push({
          where,
          problem: staticMember ? "is an instance member, official is static" : "is static, official is an instance member",
        });
        continue;
      }
      compareMember({ checker, member, owner: staticMember ? theirStatic : theirInstance }, { checker, owner }, where, gaps);
    }
    const heritage = classDeclaration.heritageClauses?.flatMap((clause) => clause.types.map((t) => t.expression.getText())) ?? [];
    if (heritage.includes("ReplayEventEmitter")) {
      for (const method of emitterMethods) {
        if (!ourInstance.getProperty(method)) gaps.push({ where: `${name}#${method}`, problem: "missing (emitter API)" });
      }
    }
  }
  return gaps;
}

/** One class of a `*-api.txt` listing: its member names, static or not. */
export type ListedClass = { name: string; members: { name: string; static: boolean }[] };

/**
 * Parses a listing like `conv1-api.txt`: the exported classes with their PROP/METH lines, and the
 * `namespace X { type A …; interface B … }` lines, as `X.A` names.
 */
export function parseApiListing(text: string): { classes: ListedClass[]; namespaced: string[] } {
  const exportsLine = /^Exports \(\d+\): (.*)$/m.exec(text);
  const exported = new Set((exportsLine?.[1] ?? "").split(",").map((s) => s.trim()));
  const classes: ListedClass[] = [];
  let current: ListedClass | null = null;
  for (const line of text.split("\n")) {
    const header = /^## class (\w+) \[(exported|not exported)\]/.exec(line);
    if (header) {
      current = header[2] === "exported" && exported.has(header[1]!) ? { name: header[1]!, members: [] } : null;
      if (current) classes.push(current);
      continue;
    }
    // A write-only setter (`set entityName`) is internal plumbing, as in the counting rules.
    const member = /^ {2}(PROP|METH) {2}(static (?:static )?)?(?:readonly )?(?:get )?(\w+)/.exec(line);
    if (current && member && member[3] !== "constructor" && member[3] !== "set") {
      current.members.push({ name: member[3]!, static: Boolean(member[2]) });
    }
  }
  const namespaced: string[] = [];
  for (const match of text.matchAll(/^namespace (\w+) \{(.*)\}$/gm)) {
    if (!exported.has(match[1]!)) continue;
    for (const inner of match[2]!.matchAll(/(?:^|;|\}) *(?:type|interface) (\w+)/g)) namespaced.push(`${match[1]}.${inner[1]}`);
  }
  return { classes, namespaced };
}

/** Checks ours against a listing: every listed class member and namespaced type exists. */
export function checkListing(listing: ReturnType<typeof parseApiListing>, ourFile: string): ParityGap[] {
  const program = ts.createProgram([ourFile], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  const ours = exportsOf(program, ourFile);
  const checker = ours.checker;
  const gaps: ParityGap[] = [];
  for (const listed of listing.classes) {
    const exported = ours.exports.get(listed.name);
    if (!exported) {
      gaps.push({ where: listed.name, problem: "not exported" });
      continue;
    }
    const symbol = resolve(checker, exported);
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const statics = checker.getTypeOfSymbol(symbol);
    for (const member of listed.members) {
      const owner = member.static ? statics : instance;
      const found = owner.getProperty(member.name);
      const declaration = found?.declarations?.[0];
      if (!found) gaps.push({ where: `${listed.name}${member.static ? "." : "#"}${member.name}`, problem: "missing" });
      else if (declaration && ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected))
        gaps.push({ where: `${listed.name}#${member.name}`, problem: "not public" });
    }
  }
  for (const qualified of listing.namespaced) {
    const [space, name] = qualified.split(".") as [string, string];
    const exported = ours.exports.get(space);
    const symbol = exported ? resolve(checker, exported) : undefined;
    const inner = symbol?.exports?.get(ts.escapeLeadingUnderscores(name));
    if (!inner || !(inner.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface)))
      gaps.push({ where: qualified, problem: "namespaced type missing" });
  }
  return gaps;
}
