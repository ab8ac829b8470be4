import Foundation
import Quantization
import Testing

/// Float32 values from little-endian hex, as dumped from PyTorch (`struct.pack('<f', v).hex()`).
func floatsFromHex(_ hex: String) -> [Float] {
    hex.split(separator: ",").map { word in
        let bytes = stride(from: 0, to: 8, by: 2).map { UInt32(word.dropFirst($0).prefix(2), radix: 16)! }
        return Float(bitPattern: bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24)
    }
}

@Suite("Level tables: NF4, FP4, the dynamic map")
struct CodeBookTests {
    @Test func inverseNormalCDFIsAccurate() {
        // Reference values of the normal quantile function (to 15 digits).
        let cases: [(Double, Double)] = [
            (0.975, 1.959963984540054), (0.5, 0), (0.841344746068543, 1),
            (0.001, -3.090232306167814), (1e-10, -6.361340902404056),
        ]
        for (p, x) in cases { #expect(abs(inverseNormalCDF(p) - x) < 1e-12, "Φ⁻¹(\(p)) = \(inverseNormalCDF(p))") }
    }

    @Test func linspaceMatchesPyTorch() {
        #expect(
            float32Linspace(0.1, 1, 9)
                == floatsFromHex(
                    "cdcccc3d,9a99593e,6666a63e,0000e03e,cdcc0c3f,9a99293f,6666463f,3333633f,0000803f"))
        #expect(
            float32Linspace(0.9677083, 0.5, 9)
                == floatsFromHex(
                    "bbbb773f,44c4683f,cccc593f,55d54a3f,dedd3b3f,66e62c3f,efee1d3f,77f70e3f,0000003f"))
        #expect(
            float32Linspace(0.9677083, 0.5, 8)
                == floatsFromHex(
                    "bbbb773f,e9a0663f,1886553f,466b443f,7550333f,a335223f,d21a113f,0000003f"))
    }

    /// The constructed NF4 levels equal the 16 values bitsandbytes publishes (get_4bit_type("nf4")).
    @Test func normalFloatLevelsEqualThePublishedTable() {
        let published: [Float] = [
            -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
            -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
            0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
            0.7229568362236023, 1.0,
        ]
        let constructed = FourBitType.normalFloatLevels
        for (index, (mine, theirs)) in zip(constructed, published).enumerated() {
            #expect(abs(mine - theirs) <= theirs.ulp, "level \(index): \(mine) vs \(theirs)")
        }
        #expect(constructed.count == 16 && constructed[7] == 0 && constructed.first == -1 && constructed.last == 1)
    }

    @Test func fourBitFloatLevelsAreBitsandbytesTable() {
        #expect(
            FourBitType.fp4.levels
                == floatsFromHex(
                    "00000000,abaaaa3b,abaa2a3f,0000803f,abaaaa3e,0000003f,abaa2a3e,0000803e,"
                        + "00000000,abaaaabb,abaa2abf,000080bf,abaaaabe,000000bf,abaa2abe,000080be"))
        #expect(FourBitType.fp4.decisionThresholds.order == [11, 10, 13, 12, 15, 14, 9, 0, 8, 1, 6, 7, 4, 5, 2, 3])
    }

    /// Equal, bit for bit, to bitsandbytes 0.50's create_dynamic_map(signed=True).
    @Test func dynamicMapEqualsBitsandbytes() {
        let published = floatsFromHex(
            "33337ebf,9a997abf,000077bf,666673bf,cdcc6fbf,33336cbf,9a9968bf,000065bf,666661bf,cdcc5dbf,33335abf,"
                + "9a9956bf,000053bf,66664fbf,cdcc4bbf,333348bf,9a9944bf,000041bf,66663dbf,cdcc39bf,343336bf,9a9932bf,"
                + "00002fbf,66662bbf,cdcc27bf,343324bf,9a9920bf,00001dbf,666619bf,cdcc15bf,343312bf,9a990ebf,00000bbf,"
                + "666607bf,cccc03bf,333300bf,3233f9be,0000f2be,cccceabe,9a99e3be,6666dcbe,3333d5be,0000cebe,ccccc6be,"
                + "9a99bfbe,6666b8be,3333b1be,0000aabe,cccca2be,9a999bbe,666694be,34338dbe,000086be,99997dbe,33336fbe,"
                + "cdcc60be,666652be,000044be,9a9935be,333327be,cdcc18be,66660abe,0000f8bd,3433dbbd,85ebc9bd,f728c4bd,"
                + "6766bebd,d7a3b8bd,48e1b2bd,b81eadbd,2a5ca7bd,9a99a1bd,0ad79bbd,7b1496bd,eb5190bd,5d8f8abd,cdcc84bd,"
                + "7b147ebd,5d8f72bd,3d0a67bd,1f855bbd,000050bd,e17a44bd,c3f538bd,a3702dbd,85eb21bd,676616bd,48e10abd,"
                + "52b8febc,15aee7bc,d7a3d0bc,9a99b9bc,5d8fa2bc,1f858bbc,c3f568bc,48e13abc,643b1fbc,180416bc,cdcc0cbc,"
                + "819503bc,6abcf4bb,d34de2bb,3bdfcfbb,a470bdbb,0d02abbb,749398bb,dd2486bb,8a6c67bb,5c8f42bb,2db21dbb,"
                + "fca9f1ba,9defa7ba,ff6577ba,3ee859ba,806a3cba,c1ec1eba,016f01ba,83e2c7b9,05e78cb9,0bd723b9,4b1fbab8,"
                + "b3ef8ab8,348037b8,0642b2b7,ff0502b7,941a5ab6,b7a313b5,00000000,b7a31335,941a5a36,ff050237,0642b237,"
                + "34803738,b3ef8a38,4b1fba38,0bd72339,05e78c39,83e2c739,016f013a,c1ec1e3a,806a3c3a,3ee8593a,ff65773a,"
                + "9defa73a,fca9f13a,2db21d3b,5c8f423b,8a6c673b,dd24863b,7493983b,0d02ab3b,a470bd3b,3bdfcf3b,d34de23b,"
                + "6abcf43b,8195033c,cdcc0c3c,1804163c,643b1f3c,48e13a3c,c3f5683c,1f858b3c,5d8fa23c,9a99b93c,d7a3d03c,"
                + "15aee73c,52b8fe3c,48e10a3d,6766163d,85eb213d,a3702d3d,c3f5383d,e17a443d,0000503d,1f855b3d,3d0a673d,"
                + "5d8f723d,7b147e3d,cdcc843d,5d8f8a3d,eb51903d,7b14963d,0ad79b3d,9a99a13d,2a5ca73d,b81ead3d,48e1b23d,"
                + "d7a3b83d,6766be3d,f728c43d,85ebc93d,3433db3d,0000f83d,66660a3e,cdcc183e,3333273e,9a99353e,0000443e,"
                + "6666523e,cdcc603e,33336f3e,99997d3e,0000863e,34338d3e,6666943e,9a999b3e,cccca23e,0000aa3e,3333b13e,"
                + "6666b83e,9a99bf3e,ccccc63e,0000ce3e,3333d53e,6666dc3e,9a99e33e,ccccea3e,0000f23e,3233f93e,3333003f,"
                + "cccc033f,6666073f,00000b3f,9a990e3f,3433123f,cdcc153f,6666193f,00001d3f,9a99203f,3433243f,cdcc273f,"
                + "66662b3f,00002f3f,9a99323f,3433363f,cdcc393f,66663d3f,0000413f,9a99443f,3333483f,cdcc4b3f,66664f3f,"
                + "0000533f,9a99563f,33335a3f,cdcc5d3f,6666613f,0000653f,9a99683f,33336c3f,cdcc6f3f,6666733f,0000773f,"
                + "9a997a3f,33337e3f,0000803f")
        #expect(dynamicQuantizationMap == published)
    }
}
