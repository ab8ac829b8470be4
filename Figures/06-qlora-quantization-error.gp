# Round-trip error of each format (blocks of 64)
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 06-qlora-quantization-error.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '06-qlora-quantization-error.png'
set termoption noenhanced
set title 'Round-trip error of each format (blocks of 64)' font ',15'
set xlabel ''
set ylabel 'relative mean squared error (log scale)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top left box lc rgb '#bbbbbb' opaque
set logscale y
set autoscale yfix
set format y '%g'
set mytics 10
set ytics (0.0001, 0.0003, 0.001, 0.003, 0.01)
set yrange [1.17196e-05:0.04652135]
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set xtics ('int8 (absmax)' 0, 'Int4 (absmax)' 1, 'FP4' 2, 'NF4' 3, 'NF4 + double quantization' 4) rotate by -30
set style fill solid 0.75 border lc rgb '#333333'
set boxwidth 0.4 relative
plot '06-qlora-quantization-error.dat' index 0 using 1:2 with boxes lt 1 title 'normal data', \
     '06-qlora-quantization-error.dat' index 1 using 1:2 with boxes lt 2 title 'chapter 3'."'".'s weights'
