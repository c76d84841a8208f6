import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkApex, formatApexReport, parseApex, type ApexCheckReport } from '../check-apex';
import { CLASS_META, makeTree, removeTree } from './fixture';

const trees: string[] = [];
after(() => trees.forEach(removeTree));

function tree(classes: Record<string, string>): string {
    const files: Record<string, string> = {};
    for (const [name, body] of Object.entries(classes)) {
        files[`classes/${name}.cls`] = body;
        files[`classes/${name}.cls-meta.xml`] = CLASS_META;
    }
    const root = makeTree(files);
    trees.push(root);
    return root;
}

/** Rule names reported for one planted file. */
function rulesFor(report: ApexCheckReport, className: string): string[] {
    return (report.pmd?.violations ?? [])
        .filter((v) => path.basename(v.file) === `${className}.cls`)
        .map((v) => v.rule)
        .sort();
}

const CLEAN = `public with sharing class CleanService {
    @AuraEnabled(cacheable=true)
    public static List<Account> byName(String name) {
        return [SELECT Id FROM Account WHERE Name = :name WITH USER_MODE];
    }
}`;

const CLEAN_TEST = `@IsTest
private class CleanServiceTest {
    @IsTest
    static void findsNothingInAnEmptyOrg() {
        Assert.areEqual(0, CleanService.byName('none').size(), 'no accounts yet');
    }
}`;

describe('check:apex syntax', () => {
    it('accepts a valid class and a valid trigger', () => {
        assert.deepEqual(parseApex(CLEAN, 'class'), []);
        assert.deepEqual(parseApex('trigger T on Account (before insert) { }', 'trigger'), []);
    });

    it('reports a syntax error with line and column', () => {
        const errors = parseApex('public class Broken {\n    void f( {\n}\n', 'class');
        assert.ok(errors.length > 0);
        assert.equal(errors[0].line, 2);
        assert.equal(errors[0].column, 13, 'columns are 1-based, at the stray {');
        assert.match(errors[0].message, /^mismatched input '\{' expecting one of \d+ tokens/);
    });
});

describe('check:apex on planted defects', () => {
    let report: ApexCheckReport;

    before(async () => {
        report = await checkApex(
            tree({
                CleanService: CLEAN,
                CleanServiceTest: CLEAN_TEST,
                SyntaxError: 'public with sharing class SyntaxError {\n    void f( {\n}\n',
                QueryInLoop: `public with sharing class QueryInLoop {
    public static void touch(List<Id> ids) {
        for (Id i : ids) {
            List<Account> found = [SELECT Id FROM Account WHERE Id = :i WITH USER_MODE];
        }
    }
}`,
                DmlInLoop: `public with sharing class DmlInLoop {
    public static void save(List<Account> accounts) {
        for (Account a : accounts) {
            Database.update(a, AccessLevel.USER_MODE);
        }
    }
}`,
                CalloutInLoop: `public with sharing class CalloutInLoop {
    public static void ping(List<String> paths) {
        for (String p : paths) {
            HttpRequest req = new HttpRequest();
            req.setEndpoint('callout:SimplyChat_Setup_API' + p);
            new Http().send(req);
        }
    }
}`,
                NoSharing: `public class NoSharing {
    public static Integer count() {
        return [SELECT COUNT() FROM Account WITH USER_MODE];
    }
}`,
                NoAccessMode: `public with sharing class NoAccessMode {
    public static List<Account> all() {
        return [SELECT Id FROM Account];
    }
}`,
                Injection: `public with sharing class Injection {
    public static List<SObject> find(String name) {
        return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\'', AccessLevel.USER_MODE);
    }
}`,
                InsecureEndpoint: `public with sharing class InsecureEndpoint {
    public static HttpRequest build() {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('http://example.com/api');
        return req;
    }
}`,
                HardcodedCredentials: `public with sharing class HardcodedCredentials {
    public static HttpRequest build(String token) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://example.com/api');
        req.setHeader('Authorization', 'Bearer ' + token);
        return req;
    }
}`,
                NoAssertTest: `@IsTest
private class NoAssertTest {
    @IsTest
    static void runsWithoutChecking() {
        CleanService.byName('x');
    }
}`,
                MissingMember: `public with sharing class MissingMember {
    public static Integer twice(Integer n) {
        return CleanService.byNames(String.valueOf(n)).size() + CleanService.byName('a', 'b').size();
    }
}`,
                Caller: `public with sharing class Caller {
    public class Inner {
    }
    public static Object build(Integer n) {
        Object wrong = new CleanService.Inner();
        helper(n);
        return new Caller.Inner();
    }
    private static void helper() {
    }
}`,
                SeeAllDataTest: `@IsTest(SeeAllData=true)
private class SeeAllDataTest {
    @IsTest
    static void readsRealData() {
        Assert.areEqual(0, CleanService.byName('none').size(), 'none');
    }
}`,
            })
        );
    });

    it('fails the run and counts every problem', () => {
        assert.equal(report.ok, false);
        assert.match(
            formatApexReport(report),
            /check:apex FAILED: 15 Apex file\(s\), [1-9]\d* syntax error\(s\), [1-9]\d* apex-ls diagnostic\(s\), 12 PMD violation\(s\), 1 engine error\(s\)/
        );
    });

    it('reports the syntax error and PMD processing error for the unparsable class', () => {
        assert.ok(report.syntaxProblems.length > 0);
        assert.deepEqual([...new Set(report.syntaxProblems.map((p) => path.basename(p.file)))], ['SyntaxError.cls']);
        assert.ok(report.pmd?.engineErrors.some((e) => e.includes('SyntaxError.cls')));
    });

    it('reports a SOQL query, a DML statement and a callout inside loops', () => {
        assert.deepEqual(rulesFor(report, 'QueryInLoop'), ['OperationWithLimitsInLoop']);
        assert.deepEqual(rulesFor(report, 'DmlInLoop'), ['OperationWithLimitsInLoop']);
        assert.deepEqual(rulesFor(report, 'CalloutInLoop'), ['CalloutInLoop'], 'project rule: PMD misses callouts');
    });

    it('reports a class without a sharing declaration', () => {
        assert.ok(rulesFor(report, 'NoSharing').includes('ApexSharingViolations'));
    });

    it('reports a query without an access mode', () => {
        assert.deepEqual(rulesFor(report, 'NoAccessMode'), ['ApexCRUDViolation', 'AvoidNonRestrictiveQueries']);
    });

    it('reports dynamic SOQL built from a parameter', () => {
        assert.ok(rulesFor(report, 'Injection').includes('ApexSOQLInjection'));
    });

    it('reports an http:// endpoint and a hand-made Authorization header', () => {
        assert.ok(rulesFor(report, 'InsecureEndpoint').includes('ApexInsecureEndpoint'));
        assert.ok(rulesFor(report, 'HardcodedCredentials').includes('ApexSuggestUsingNamedCred'));
    });

    it('reports a test without assertions and a test that sees all data', () => {
        assert.ok(rulesFor(report, 'NoAssertTest').includes('ApexUnitTestClassShouldHaveAsserts'));
        assert.ok(rulesFor(report, 'SeeAllDataTest').includes('ApexUnitTestShouldNotUseSeeAllDataTrue'));
    });

    it('reports, through apex-ls, a call of a method that does not exist or with the wrong arguments', () => {
        const found = (report.apexLs?.diagnostics ?? [])
            .filter((d) => d.category === 'Missing')
            .map((d) => `${path.basename(d.file)}:${d.line} ${d.message.replace(/, did you mean.*$/, '')}`)
            .sort();
        assert.deepEqual(found, [
            "Caller.cls:5 No type declaration found for 'CleanService.Inner'",
            "Caller.cls:6 No matching method found for 'helper' on 'Caller' taking arguments 'System.Integer'",
            "MissingMember.cls:3 No matching method found for 'byName' on 'CleanService' taking arguments 'System.String, System.String'",
            "MissingMember.cls:3 No matching method found for 'byNames' on 'CleanService' taking arguments 'System.String'",
        ]);
        assert.match(
            formatApexReport(report),
            /apex-ls .*MissingMember\.cls:3:\d+ Missing: No matching method found for 'byNames'/
        );
    });

    it('reports unused code through apex-ls', () => {
        const unused = (report.apexLs?.diagnostics ?? []).filter((d) => d.category === 'Unused');
        assert.ok(unused.some((d) => path.basename(d.file) === 'QueryInLoop.cls' && /Unused class/.test(d.message)));
    });

    it('reports nothing on the clean class and its test', () => {
        assert.deepEqual(rulesFor(report, 'CleanService'), []);
        assert.deepEqual(rulesFor(report, 'CleanServiceTest'), []);
        const clean = (report.apexLs?.diagnostics ?? []).filter((d) => path.basename(d.file).startsWith('Clean'));
        assert.deepEqual(clean, []);
    });
});

describe('check:apex engine failures', () => {
    it('passes clean code', async () => {
        const report = await checkApex(tree({ CleanService: CLEAN, CleanServiceTest: CLEAN_TEST }));
        assert.deepEqual(report.apexLs?.diagnostics, []);
        assert.deepEqual(report.apexLs?.engineErrors, []);
        assert.deepEqual(report.pmd?.violations, []);
        assert.deepEqual(report.pmd?.engineErrors, []);
        assert.equal(report.ok, true);
    });

    it('fails, never passes silently, when PMD and apex-ls cannot start (no Java)', async () => {
        const report = await checkApex(tree({ CleanService: CLEAN }), { javaCommand: '/nonexistent/bin/java' });
        assert.equal(report.ok, false);
        assert.ok((report.pmd?.engineErrors.length ?? 0) > 0);
        assert.match(report.apexLs?.engineErrors.join('\n') ?? '', /^apex-ls: /);
        assert.match(formatApexReport(report), /engine error/);
    });

    it('has nothing to scan in a folder without Apex', async () => {
        const report = await checkApex(tree({}));
        assert.equal(report.ok, true);
        assert.equal(report.pmd, undefined);
        assert.equal(report.apexLs, undefined);
        assert.match(formatApexReport(report), /apex-ls and PMD skipped/);
    });
});
